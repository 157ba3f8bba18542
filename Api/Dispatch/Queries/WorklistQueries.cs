using CloudFilm.Grains.Abstractions.Dispatch;
using Npgsql;
using NpgsqlTypes;

namespace CloudFilm.Api.Dispatch.Queries;

public sealed class WorklistQueries(NpgsqlDataSource database) : IWorklistQueries
{
    private static readonly string Completed = ReadingTaskStatus.Completed.Stored();

    private static readonly string[] Open = [ReadingTaskStatus.Assigned.Stored(), ReadingTaskStatus.Started.Stored()];

    public async Task<IReadOnlyList<WorklistRow>> ListAsync(WorklistFilter filter, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT task_id, pool_id, study_key, task_type, priority, weight, status, campus, modality, exam_item, patient_type,
                   station_id, reader_id, pinned, created_at, assigned_at, started_at, completed_at
            FROM reading_tasks
            WHERE (@reader::text IS NULL OR reader_id = @reader) AND (@station::text IS NULL OR station_id = @station)
              AND (@pool::text IS NULL OR pool_id = @pool) AND (@status::text IS NULL OR status = @status)
            ORDER BY created_at DESC, task_id LIMIT @limit OFFSET @offset
            """);
        command.Parameters.Add(Text("reader", filter.ReaderId));
        command.Parameters.Add(Text("station", filter.StationId));
        command.Parameters.Add(Text("pool", filter.PoolId));
        command.Parameters.Add(Text("status", filter.Status?.Stored()));
        command.Parameters.AddWithValue("limit", filter.Limit);
        command.Parameters.AddWithValue("offset", filter.Offset);
        var rows = new List<WorklistRow>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new WorklistRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetDecimal(5),
                r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9), r.GetString(10), r.IsDBNull(11) ? null : r.GetString(11),
                r.IsDBNull(12) ? null : r.GetString(12), r.GetBoolean(13), Time(r, 14)!.Value, Time(r, 15), Time(r, 16), Time(r, 17)));
        }
        return rows;
    }

    public async Task<DispatchStatistics> StatisticsAsync(string poolId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var readers = await ReadPeriodAsync(poolId, from, to, """
            SELECT reader_id,
                   count(*) FILTER (WHERE status = @completed), coalesce(sum(weight) FILTER (WHERE status = @completed), 0),
                   count(*) FILTER (WHERE status = ANY(@open)), coalesce(sum(weight) FILTER (WHERE status = ANY(@open)), 0)
            FROM reading_tasks WHERE pool_id = @pool AND reader_id IS NOT NULL AND created_at >= @from AND created_at < @to
            GROUP BY reader_id ORDER BY reader_id
            """, r => new ReaderWorkload(r.GetString(0), r.GetInt64(1), r.GetDecimal(2), r.GetInt64(3), r.GetDecimal(4)), cancellationToken);
        var campuses = await ReadPeriodAsync(poolId, from, to, """
            SELECT campus, count(*), coalesce(sum(weight), 0) FROM reading_tasks
            WHERE pool_id = @pool AND status = @completed AND created_at >= @from AND created_at < @to GROUP BY campus ORDER BY campus
            """, r => new CampusWorkload(r.GetString(0), r.GetInt64(1), r.GetDecimal(2)), cancellationToken);
        var shifts = await ReadPeriodAsync(poolId, from, to, """
            SELECT coalesce(shift_id, ''), count(*), coalesce(sum(weight), 0), count(DISTINCT reader_id) FROM reading_tasks
            WHERE pool_id = @pool AND status = @completed AND created_at >= @from AND created_at < @to GROUP BY 1 ORDER BY 1
            """, r => new ShiftWorkload(r.GetString(0), r.GetInt64(1), r.GetDecimal(2), r.GetInt64(3)), cancellationToken);
        var turnaround = await ReadPeriodAsync(poolId, from, to, """
            SELECT priority, count(*),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - created_at) / 60),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - created_at) / 60),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at) / 60)
            FROM reading_tasks WHERE pool_id = @pool AND status = @completed AND created_at >= @from AND created_at < @to
            GROUP BY priority ORDER BY priority
            """, r => new Turnaround(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetDouble(2), r.IsDBNull(3) ? null : r.GetDouble(3),
                r.IsDBNull(4) ? null : r.GetDouble(4)), cancellationToken);
        return new DispatchStatistics(from, to, readers, campuses, shifts, turnaround);
    }

    /// <summary>Runs one statistics statement over the pool's tasks created in [from, to).</summary>
    private async Task<IReadOnlyList<T>> ReadPeriodAsync<T>(string poolId, DateTimeOffset from, DateTimeOffset to, string sql,
        Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue("pool", poolId);
        command.Parameters.AddWithValue("from", from.UtcDateTime);
        command.Parameters.AddWithValue("to", to.UtcDateTime);
        command.Parameters.AddWithValue("completed", Completed);
        command.Parameters.AddWithValue("open", Open);
        var rows = new List<T>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(map(r));
        }
        return rows;
    }

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) =>
        r.IsDBNull(i) ? null : new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc));
}
