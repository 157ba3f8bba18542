using System.Security.Cryptography;
using System.Text;
using CloudFilm.Grains.Abstractions.Queues;
using Orleans.Runtime;

namespace CloudFilm.Grains.Queues;

/// <summary>The persisted state of a screen (JSON): its definition and the hash of its device token.</summary>
public sealed class ScreenState
{
    public ScreenDefinition? Definition { get; set; }

    public string? TokenHash { get; set; }
}

public sealed class ScreenGrain([PersistentState("queue-screen", GrainStorage.Name)] IPersistentState<ScreenState> state) : Grain, IScreenGrain
{
    public async Task<ScreenDefinition> ConfigureAsync(ScreenDefinition definition)
    {
        state.State.Definition = definition;
        await state.WriteStateAsync();
        return definition;
    }

    public Task<ScreenDefinition?> GetAsync() => Task.FromResult(state.State.Definition);

    public async Task SetTokenHashAsync(string tokenHash)
    {
        state.State.TokenHash = tokenHash;
        await state.WriteStateAsync();
    }

    public Task<ScreenDefinition?> AuthorizeAsync(string tokenHash)
    {
        var stored = state.State.TokenHash;
        var ok = stored is not null && stored.Length == tokenHash.Length
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(tokenHash));
        return Task.FromResult(ok ? state.State.Definition : null);
    }
}
