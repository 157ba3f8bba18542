namespace CloudFilm.Grains.Abstractions.Dispatch;

/// <summary>
/// One dispatch pool (one campus, or several sharing readers): its open reading tasks and the assignment decisions,
/// made one at a time so no task is ever given to two stations. Key: <see cref="DispatchKeys.PoolGrainKey"/>.
/// </summary>
public interface IDispatcherGrain : IGrainWithStringKey
{
    /// <summary>Replaces the pool's configuration; returns the problems by JSON path, and changes nothing if there are any.</summary>
    Task<IReadOnlyDictionary<string, string>> ConfigureAsync(PoolConfig config, string by);

    Task<PoolConfig?> GetConfigAsync();

    /// <summary>Copies a week's roster, readers included, onto another week; returns problems as <see cref="ConfigureAsync"/> does.</summary>
    Task<IReadOnlyDictionary<string, string>> CopyRosterWeekAsync(DateOnly fromWeekStart, DateOnly toWeekStart, string by);

    /// <summary>Gives a station's roster lines to its copy, with <paramref name="readerId"/> or the same readers.</summary>
    Task<IReadOnlyDictionary<string, string>> CopyStationRosterAsync(string stationId, string copyStationId, string? readerId, string by);

    /// <summary>A workstation's configuration as its WorkstationGrain holds it (enabled flag included).</summary>
    Task UpsertStationAsync(WorkstationConfig station, string by);

    /// <summary>A study's workflow event; makes the task the pool's trigger calls for. Idempotent per study and task type.</summary>
    Task<ReadingTask?> SubmitAsync(TaskSubject subject, StudyWorkflowEvent workflowEvent);

    Task<DispatchActionOutcome> StartAsync(string taskId, string readerId);

    Task<DispatchActionOutcome> CompleteAsync(string taskId, string readerId);

    Task<DispatchActionOutcome> HandBackAsync(string taskId, string readerId, string reason);

    Task<DispatchActionOutcome> ReassignAsync(string taskId, string stationId, string by);

    Task<DispatchActionOutcome> PinAsync(string taskId, bool pinned, string by);

    /// <summary>Dispatches now, as the minute reminder does (after a clock change, or to check a pool by hand).</summary>
    Task TickAsync();

    /// <summary>Everything the board shows, as of now.</summary>
    Task<PoolView> GetViewAsync();

    /// <summary>
    /// Asks to be told of every change of the pool. Subscriptions lapse after <c>DispatchKeys.ObserverLifetime</c> (two
    /// minutes), so a subscriber (each Api copy) renews about every 30 seconds; a pool that moved to another silo is then
    /// found again.
    /// </summary>
    Task SubscribeAsync(IDispatchBoardObserver observer);
}

/// <summary>Told by a dispatcher when its pool changed; Api copies implement it and push to the boards over SignalR.</summary>
public interface IDispatchBoardObserver : IGrainObserver
{
    [Orleans.Concurrency.OneWay]
    Task PoolChanged(string poolId, long version);
}

/// <summary>A reading workstation (工位): its rule, maximum load, share and enabled flag. Key: <see cref="DispatchKeys.StationGrainKey"/>.</summary>
public interface IWorkstationGrain : IGrainWithStringKey
{
    /// <summary>Sets the station's configuration in its pool; returns the problems by JSON path, and changes nothing if there are any.</summary>
    Task<IReadOnlyDictionary<string, string>> ConfigureAsync(string poolId, WorkstationConfig config, string by);

    /// <summary>Disabling (leave, shift change) returns the station's open work to the pool, which reassigns it.</summary>
    Task<bool> SetEnabledAsync(bool enabled, string by);

    Task<(string PoolId, WorkstationConfig Config)?> GetAsync();

    /// <summary>Creates station <paramref name="newStationId"/> as a copy of this one (rule, load, share) in the same pool, with its roster lines.</summary>
    Task<IReadOnlyDictionary<string, string>> CopyToAsync(string newStationId, string newName, string? readerId, string by);
}

/// <summary>Which pool each campus's studies join (campuses share a pool by naming the same one). Key: <see cref="DispatchKeys.DirectoryGrainKey"/>.</summary>
public interface IDispatchDirectoryGrain : IGrainWithStringKey
{
    Task SetPoolAsync(string campus, string poolId);

    /// <summary>The pool of a campus; the pool named "*" takes campuses not listed; null when dispatch is not set up.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<string?> PoolOfAsync(string campus);
}
