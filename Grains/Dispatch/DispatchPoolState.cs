using CloudFilm.Grains.Abstractions.Dispatch;

namespace CloudFilm.Grains.Dispatch;

/// <summary>The persisted state of one dispatch pool (stored as JSON). Completed tasks leave it; the event table keeps them.</summary>
public sealed class DispatchPoolState
{
    public PoolConfig? Config { get; set; }

    /// <summary>Workstations of the pool by id, as their WorkstationGrains last reported them.</summary>
    public Dictionary<string, WorkstationConfig> Stations { get; set; } = [];

    /// <summary>Open tasks (pending, assigned, started) by task id.</summary>
    public Dictionary<string, ReadingTask> Tasks { get; set; } = [];

    /// <summary>
    /// Tasks completed in the last <see cref="DispatchPolicy.CompletedRetention"/> (id → completion time), so a repeated
    /// trigger does not make them again; older ones are forgotten to keep the state small.
    /// </summary>
    public Dictionary<string, DateTimeOffset> CompletedTaskIds { get; set; } = [];

    /// <summary>Weight assigned to each station during its current shift ("{station}|{shift start ticks}"): proportions are kept on it.</summary>
    public Dictionary<string, decimal> ShiftWork { get; set; } = [];

    /// <summary>Events not yet written to the event table.</summary>
    public List<DispatchEvent> Outbox { get; set; } = [];

    public long NextSequence { get; set; } = 1;
}
