using CloudFilm.Grains.Abstractions.Dispatch;

namespace CloudFilm.Api.Dispatch.Queries;

/// <summary>
/// The reading worklist and dispatch statistics, read from the query tables the dispatcher writes (reading_tasks,
/// deploy/sql/0010), never from grains.
/// </summary>
public interface IWorklistQueries
{
    /// <summary>Reading tasks, newest first; a null filter field matches every task.</summary>
    Task<IReadOnlyList<WorklistRow>> ListAsync(WorklistFilter filter, CancellationToken cancellationToken);

    /// <summary>Workload per reader, campus and shift, and turnaround per priority, of the tasks created in [from, to).</summary>
    Task<DispatchStatistics> StatisticsAsync(string poolId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

public sealed record WorklistFilter(string? ReaderId, string? StationId, string? PoolId, ReadingTaskStatus? Status, int Limit, int Offset);

public sealed record WorklistRow(
    string TaskId, string PoolId, string StudyKey, string TaskType, string Priority, decimal Weight, string Status, string Campus,
    string Modality, string ExamItem, string PatientType, string? StationId, string? ReaderId, bool Pinned, DateTimeOffset CreatedAt,
    DateTimeOffset? AssignedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt);

public sealed record ReaderWorkload(string ReaderId, long Completed, decimal CompletedWeight, long Open, decimal OpenWeight);

public sealed record Turnaround(string Priority, long Completed, double? MedianMinutes, double? P90Minutes, double? MedianWaitToStartMinutes);

public sealed record CampusWorkload(string Campus, long Completed, decimal CompletedWeight);

public sealed record ShiftWorkload(string ShiftId, long Completed, decimal CompletedWeight, long Readers);

public sealed record DispatchStatistics(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ReaderWorkload> Readers,
    IReadOnlyList<CampusWorkload> Campuses, IReadOnlyList<ShiftWorkload> Shifts, IReadOnlyList<Turnaround> Turnaround);
