using CloudFilm.Grains.Abstractions.Dispatch;
using Orleans.Concurrency;

namespace CloudFilm.Grains.Dispatch;

public sealed class DispatchDirectoryState
{
    public Dictionary<string, string> PoolByCampus { get; set; } = [];
}

public sealed class DispatchDirectoryGrain(
    [PersistentState("dispatchDirectory", GrainStorage.Name)] IPersistentState<DispatchDirectoryState> state) : Grain, IDispatchDirectoryGrain
{
    public async Task SetPoolAsync(string campus, string poolId)
    {
        if (state.State.PoolByCampus.GetValueOrDefault(campus) == poolId)
        {
            return;
        }
        state.State.PoolByCampus[campus] = poolId;
        await state.WriteStateAsync();
    }

    [ReadOnly]
    public Task<string?> PoolOfAsync(string campus) =>
        Task.FromResult(state.State.PoolByCampus.GetValueOrDefault(campus) ?? state.State.PoolByCampus.GetValueOrDefault("*"));
}
