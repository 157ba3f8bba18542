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
                VALUES (@pool, @sequence, @task, @kind, @at, @by, @station, @reader, @reason) ON CONFLICT DO NOTHING
                """, ("pool", poolId), ("sequence", e.Sequence), ("task", e.TaskId), ("kind", e.Kind), ("at", e.At.UtcDateTime), ("by", e.By),
                ("station", Nullable(e.StationId)), ("reader", Nullable(e.ReaderId)), ("reason", Nullable(e.Reason))));
        }
        foreach (var t in openTasks)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO reading_tasks (task_id, pool_id, study_key, task_type, priority, weight, status, campus, modality, exam_item,
                                           patient_type, station_id, reader_id, pinned, reassignments, created_at, assigned_at, started_at,
                                           completed_at, last_sequence, shift_id)
                VALUES (@task, @pool, @study, @type, @priority, @weight, @status, @campus, @modality, @examItem, @patientType, @station,
                        @reader, @pinned, @reassignments, @created, @assigned, @started, NULL, @sequence, @shift)
                ON CONFLICT (task_id) DO UPDATE SET
                    pool_id = excluded.pool_id, priority = excluded.priority, weight = excluded.weight, status = excluded.status,
                    station_id = excluded.station_id, reader_id = excluded.reader_id, pinned = excluded.pinned,
                    reassignments = excluded.reassignments, assigned_at = excluded.assigned_at, started_at = excluded.started_at,
                    last_sequence = excluded.last_sequence, shift_id = excluded.shift_id
                WHERE reading_tasks.last_sequence <= excluded.last_sequence
                """, ("task", t.TaskId), ("pool", poolId), ("study", t.Subject.StudyKey), ("type", t.Type.ToString()), ("priority", t.Priority.ToString()),
                ("weight", t.Weight), ("status", t.Status.Stored()), ("campus", t.Subject.Campus), ("modality", t.Subject.Modality),
                ("examItem", t.Subject.ExamItem), ("patientType", t.Subject.PatientType.ToString()), ("station", Nullable(t.StationId)),
                ("reader", Nullable(t.ReaderId)), ("pinned", t.Pinned), ("reassignments", t.Reassignments), ("created", t.CreatedAt.UtcDateTime),
                ("assigned", Nullable(t.AssignedAt)), ("started", Nullable(t.StartedAt)), ("sequence", sequence), ("shift", Nullable(t.ShiftId))));
        }
        foreach (var e in events.Where(e => e.Kind == "completed"))
        {
            batch.BatchCommands.Add(Command("""
                UPDATE reading_tasks SET status = @completed, completed_at = @at, station_id = @station, reader_id = @reader,
                       started_at = coalesce(started_at, @at), last_sequence = @sequence
                WHERE task_id = @task AND last_sequence <= @sequence
                """, ("task", e.TaskId), ("completed", ReadingTaskStatus.Completed.Stored()), ("at", e.At.UtcDateTime), ("station", Nullable(e.StationId)),
                ("reader", Nullable(e.ReaderId)), ("sequence", e.Sequence)));
        }
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static object Nullable(string? value) => value is null ? DBNull.Value : value;

    private static object Nullable(DateTimeOffset? value) => value is { } v ? v.UtcDateTime : DBNull.Value;

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}
