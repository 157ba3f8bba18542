using CloudFilm.Grains.Abstractions.Dispatch;

namespace CloudFilm.Grains.Dispatch;

public sealed class WorkstationState
{
    public string? PoolId { get; set; }

    public WorkstationConfig? Config { get; set; }
}

/// <summary>Holds one station's configuration and tells its pool's dispatcher, which owns the work on it.</summary>
public sealed class WorkstationGrain(
    [PersistentState("workstation", GrainStorage.Name)] IPersistentState<WorkstationState> state) : Grain, IWorkstationGrain
{
    public async Task<IReadOnlyDictionary<string, string>> ConfigureAsync(string poolId, WorkstationConfig config, string by)
    {
        var errors = new Dictionary<string, string>(DispatchConfigValidator.ValidateStation(config), StringComparer.Ordinal);
        if (config.StationId != StationId)
        {
            errors["stationId"] = "does not match the station addressed";
        }
        if (state.State.PoolId is { } pool && pool != poolId)
        {
            errors["poolId"] = $"the station belongs to pool {pool}";
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        state.State.PoolId = poolId;
        state.State.Config = config;
        await state.WriteStateAsync();
        await Dispatcher().UpsertStationAsync(config, by);
        return errors;
    }

    public async Task<bool> SetEnabledAsync(bool enabled, string by)
    {
        if (state.State.Config is not { } config)
        {
            return false;
        }
        state.State.Config = config with { Enabled = enabled };
        await state.WriteStateAsync();
        // Told every time, even when unchanged here, so a lost earlier call is repaired by a retry.
        await Dispatcher().UpsertStationAsync(state.State.Config, by);
        return true;
    }

    public Task<(string PoolId, WorkstationConfig Config)?> GetAsync() =>
        Task.FromResult<(string, WorkstationConfig)?>(state.State.Config is { } c ? (state.State.PoolId!, c) : null);

    public async Task<IReadOnlyDictionary<string, string>> CopyToAsync(string newStationId, string newName, string? readerId, string by)
    {
        if (state.State.Config is not { } config)
        {
            throw new DispatchRefusedException(DispatchActionOutcome.UnknownStation, "the station to copy is not configured");
        }
        var copy = GrainFactory.GetGrain<IWorkstationGrain>(DispatchKeys.StationGrainKey(newStationId));
        if (await copy.GetAsync() is not null)
        {
            return new Dictionary<string, string> { ["newStationId"] = "a workstation with this id exists already" };
        }
        var errors = await copy.ConfigureAsync(state.State.PoolId!, RosterOperations.CopyStation(config, newStationId, newName), by);
        return errors.Count > 0 ? errors : await Dispatcher().CopyStationRosterAsync(StationId, newStationId, readerId, by);
    }

    private IDispatcherGrain Dispatcher() => GrainFactory.GetGrain<IDispatcherGrain>(DispatchKeys.PoolGrainKey(state.State.PoolId!));

    private string StationId => this.GetPrimaryKeyString()["station/".Length..];
}
