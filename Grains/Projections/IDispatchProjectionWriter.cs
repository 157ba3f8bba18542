
using CloudFilm.Grains.Abstractions.Dispatch;

namespace CloudFilm.Grains.Projections;

/// <summary>
/// Writes the reading worklist and the dispatch event log (deploy/sql/0010) after each persisted change of a pool.
/// Idempotent: events carry their pool sequence number and task rows are upserts, so a retry converges.
/// </summary>
public interface IDispatchProjectionWriter
{
    Task WriteAsync(string poolId, IReadOnlyList<DispatchEvent> events, IReadOnlyList<ReadingTask> openTasks);
}
