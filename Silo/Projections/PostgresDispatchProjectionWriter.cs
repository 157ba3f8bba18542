using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Projections;
using Npgsql;

namespace CloudFilm.Silo.Projections;

/// <summary>Writes reading_tasks and dispatch_events (deploy/sql/0010) in one transaction per pool change.</summary>
public sealed class PostgresDispatchProjectionWriter(NpgsqlDataSource dataSource) : IDispatchProjectionWriter
{
    public async Task WriteAsync(string poolId, IReadOnlyList<DispatchEvent> events, IReadOnlyList<ReadingTask> openTasks)
    {
        if (events.Count == 0)
        {
            return;
        }
        var sequence = events.Max(e => e.Sequence);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var e in events)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO dispatch_events (pool_id, sequence, task_id, kind, at, by_whom, station_id, reader_id, reason)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING
                """, poolId, e.Sequence, e.TaskId, e.Kind, e.At.UtcDateTime, e.By, Nullable(e.StationId), Nullable(e.ReaderId), Nullable(e.Reason)));
        }
        foreach (var t in openTasks)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO reading_tasks (task_id, pool_id, study_key, task_type, priority, weight, status, campus, modality, exam_item,
                                           patient_type, station_id, reader_id, pinned, reassignments, created_at, assigned_at, started_at,
                                           completed_at, last_sequence, shift_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, NULL, $19, $20)
                ON CONFLICT (task_id) DO UPDATE SET
                    pool_id = excluded.pool_id, priority = excluded.priority, weight = excluded.weight, status = excluded.status,
                    station_id = excluded.station_id, reader_id = excluded.reader_id, pinned = excluded.pinned,
                    reassignments = excluded.reassignments, assigned_at = excluded.assigned_at, started_at = excluded.started_at,
                    last_sequence = excluded.last_sequence, shift_id = excluded.shift_id
                WHERE reading_tasks.last_sequence <= excluded.last_sequence
                """, t.TaskId, poolId, t.Subject.StudyKey, t.Type.ToString(), t.Priority.ToString(), t.Weight, t.Status.ToString(),
                t.Subject.Campus, t.Subject.Modality, t.Subject.ExamItem, t.Subject.PatientType.ToString(), Nullable(t.StationId),
                Nullable(t.ReaderId), t.Pinned, t.Reassignments, t.CreatedAt.UtcDateTime, Nullable(t.AssignedAt), Nullable(t.StartedAt), sequence,
                Nullable(t.ShiftId)));
        }
        foreach (var e in events.Where(e => e.Kind == "completed"))
        {
            batch.BatchCommands.Add(Command("""
                UPDATE reading_tasks SET status = 'Completed', completed_at = $2, station_id = $3, reader_id = $4,
                       started_at = coalesce(started_at, $2), last_sequence = $5
                WHERE task_id = $1 AND last_sequence <= $5
                """, e.TaskId, e.At.UtcDateTime, Nullable(e.StationId), Nullable(e.ReaderId), e.Sequence));
        }
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static object Nullable(string? value) => value is null ? DBNull.Value : value;

    private static object Nullable(DateTimeOffset? value) => value is { } v ? v.UtcDateTime : DBNull.Value;

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }
}
