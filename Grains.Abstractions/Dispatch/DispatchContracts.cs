using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Grains.Abstractions.Dispatch;

/// <summary>What a reader is asked to do with a study.</summary>
public enum ReadingTaskType
{
    WriteReport = 0,

    /// <summary>Review of a submitted report; only senior readers (level 2 or 3) take it.</summary>
    ReviewReport = 1,
}

/// <summary>How urgent a task is, lowest first: a higher class may push a lower one out of a full station.</summary>
public enum PriorityClass
{
    Routine = 0,
    Urgent = 1,
    Vip = 2,
    Emergency = 3,
}

public enum ReadingTaskStatus
{
    /// <summary>In the pool, not yet with a station.</summary>
    Pending = 0,
    Assigned = 1,
    Started = 2,
    Completed = 3,
}

/// <summary>What makes a study's reading task appear (point 8 of the requirement).</summary>
public enum DispatchTrigger
{
    StudyRegistered = 0,
    ExamCompleted = 1,
    ImagesArrived = 2,
}

/// <summary>A workflow event of a study that may create a task; the StudyGrain sends these.</summary>
public enum StudyWorkflowEvent
{
    StudyRegistered = 0,
    ExamCompleted = 1,
    ImagesArrived = 2,
    ReportSubmittedForReview = 3,
}

/// <summary>The facts about a study that dispatch rules look at.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskSubject(
    [property: Id(0)] string StudyKey,
    [property: Id(1)] string Campus,
    [property: Id(2)] string Modality,
    [property: Id(3)] string ExamItem,
    [property: Id(4)] PatientType PatientType,
    [property: Id(5)] StudyPriority Priority,
    [property: Id(6)] bool IsVip,
    [property: Id(7)] string Subspecialty = "");

/// <summary>One reading task. Its id is "{study key}:{type}", so a repeated trigger finds the task it made.</summary>
[GenerateSerializer, Immutable]
public sealed record ReadingTask(
    [property: Id(0)] string TaskId,
    [property: Id(1)] TaskSubject Subject,
    [property: Id(2)] ReadingTaskType Type,
    [property: Id(3)] PriorityClass Priority,
    [property: Id(4)] decimal Weight,
    [property: Id(5)] ReadingTaskStatus Status,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset EligibleAt,
    [property: Id(8)] string? StationId = null,
    [property: Id(9)] string? ReaderId = null,
    [property: Id(10)] DateTimeOffset? AssignedAt = null,
    [property: Id(11)] DateTimeOffset? StartedAt = null,
    [property: Id(12)] DateTimeOffset? CompletedAt = null,
    [property: Id(13)] bool Pinned = false,
    [property: Id(14)] int Reassignments = 0,
    [property: Id(15)] string? ExcludedStationId = null,
    [property: Id(16)] bool Escalated = false,
    [property: Id(17)] string? ShiftId = null)
{
    public static string IdOf(string studyKey, ReadingTaskType type) => $"{studyKey}:{type}";
}

/// <summary>Which tasks a workstation takes. An empty list means "any".</summary>
[GenerateSerializer, Immutable]
public sealed record TaskRule(
    [property: Id(0)] IReadOnlyList<string> Campuses,
    [property: Id(1)] IReadOnlyList<string> Modalities,
    [property: Id(2)] IReadOnlyList<string> ExamItems,
    [property: Id(3)] IReadOnlyList<PatientType> PatientTypes,
    [property: Id(4)] IReadOnlyList<string> Subspecialties,
    [property: Id(5)] IReadOnlyList<ReadingTaskType> TaskTypes)
{
    public static readonly TaskRule Any = new([], [], [], [], [], []);
}

/// <summary>A workstation (工位): a rule-defined set of tasks, a maximum load in weights, and a share of the work.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkstationConfig(
    [property: Id(0)] string StationId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Campus,
    [property: Id(3)] TaskRule Rule,
    [property: Id(4)] decimal MaxLoad,
    [property: Id(5)] decimal Share = 1m,
    [property: Id(6)] bool Enabled = true);

/// <summary>A reader and their level (1 junior, 2 attending, 3 chief); review tasks need level 2 or more.</summary>
[GenerateSerializer, Immutable]
public sealed record ReaderProfile(
    [property: Id(0)] string ReaderId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] int Level);

public enum ShiftKind
{
    Regular = 0,
    Emergency = 1,
    Weekend = 2,
    Holiday = 3,

    /// <summary>Takes any task no other on-duty station can take, beyond any rule or maximum load.</summary>
    Sweeper = 4,
}

/// <summary>A shift in hospital local time. An end at or before the start means the shift ends the next day.</summary>
[GenerateSerializer, Immutable]
public sealed record ShiftDefinition(
    [property: Id(0)] string ShiftId,
    [property: Id(1)] string Name,
    [property: Id(2)] ShiftKind Kind,
    [property: Id(3)] TimeOnly Start,
    [property: Id(4)] TimeOnly End);

/// <summary>One roster line: on this local date, during this shift, this reader sits at this station.</summary>
[GenerateSerializer, Immutable]
public sealed record RosterEntry(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] string ShiftId,
    [property: Id(2)] string StationId,
    [property: Id(3)] string ReaderId);

/// <summary>Weight (difficulty coefficient) of an exam item; items not listed weigh <see cref="PoolConfig.DefaultWeight"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record ItemWeight(
    [property: Id(0)] string ExamItem,
    [property: Id(1)] decimal Weight);

/// <summary>The configuration of one dispatch pool (one campus, or several campuses sharing readers).</summary>
[GenerateSerializer, Immutable]
public sealed record PoolConfig(
    [property: Id(0)] string PoolId,
    [property: Id(1)] IReadOnlyList<string> Campuses,
    [property: Id(2)] DispatchTrigger Trigger,
    [property: Id(3)] int UtcOffsetMinutes,
    [property: Id(4)] IReadOnlyList<ItemWeight> Weights,
    [property: Id(5)] decimal DefaultWeight,
    [property: Id(6)] decimal ReviewWeightFactor,
    [property: Id(7)] TimeSpan RoutineDelay,
    [property: Id(8)] TimeSpan EmergencyStartSla,
    [property: Id(9)] IReadOnlyList<string> VipReaders,
    [property: Id(10)] IReadOnlyList<ShiftDefinition> Shifts,
    [property: Id(11)] IReadOnlyList<RosterEntry> Roster,
    [property: Id(12)] IReadOnlyList<ReaderProfile> Readers,
    [property: Id(13)] TimeSpan SweepAfter)
{
    public static PoolConfig Empty(string poolId) => new(poolId, [], DispatchTrigger.ImagesArrived, 480, [], 1m, 0.5m,
        TimeSpan.Zero, TimeSpan.FromMinutes(10), [], [], [], [], TimeSpan.FromMinutes(30));
}

/// <summary>Something that happened to a task, kept for audit and statistics.</summary>
[GenerateSerializer, Immutable]
public sealed record DispatchEvent(
    [property: Id(0)] string TaskId,
    [property: Id(1)] string Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string By,
    [property: Id(4)] string? StationId,
    [property: Id(5)] string? ReaderId,
    [property: Id(6)] string? Reason,
    [property: Id(7)] long Sequence);

/// <summary>A workstation as the board shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record StationView(
    [property: Id(0)] WorkstationConfig Config,
    [property: Id(1)] bool OnDuty,
    [property: Id(2)] string? ReaderId,
    [property: Id(3)] ShiftKind? ShiftKind,
    [property: Id(4)] decimal Load);

/// <summary>The whole pool as the board shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record PoolView(
    [property: Id(0)] string PoolId,
    [property: Id(1)] IReadOnlyList<StationView> Stations,
    [property: Id(2)] IReadOnlyList<ReadingTask> Tasks,
    [property: Id(3)] IReadOnlyList<string> EscalatedTaskIds,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] long Version);

/// <summary>Why a reader or supervisor action was refused.</summary>
public enum DispatchActionOutcome
{
    Done = 0,
    UnknownTask = 1,
    NotYourTask = 2,
    InvalidState = 3,
    UnknownStation = 4,
    StationUnavailable = 5,
    PoolNotConfigured = 6,
}
