using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using Npgsql;

namespace CloudFilm.Api.Dispatch;

/// <summary>
/// The reading worklist (tasks by reader, by station, all assignments and completions) and dispatch statistics,
/// read from the query tables the dispatcher writes (deploy/sql/0010), never from grains.
/// </summary>
public static class WorklistApi
{
    private static readonly string[] Roles = ["reader", "dispatcher", "supervisor", "admin"];
    private static readonly string[] Statuses = ["pending", "assigned", "started", "completed"];

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

    public static RouteGroupBuilder MapWorklistApi(this RouteGroupBuilder api)
    {
        api.MapGet("/dispatch/worklist", ListAsync).WithTags("Dispatch").RequireStaff(Roles).WithName("GetWorklist")
            .WithSummary("Reading tasks, newest first, filtered by reader (\"me\" for yourself), station, pool and status.");
        api.MapGet("/dispatch/pools/{poolId}/statistics", StatisticsAsync).WithTags("Dispatch").RequireStaff("dispatcher", "supervisor", "admin")
            .WithName("GetDispatchStatistics").WithSummary("Workload per reader and campus, turnaround per priority class, over a period (default: the last 24 hours).");
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, NpgsqlDataSource database, CancellationToken cancellationToken,
        string? reader = null, string? station = null, string? pool = null, string? status = null, int limit = 100, int offset = 0)
    {
        var errors = new Dictionary<string, string[]>();
        DispatchErrors.Require(errors, "limit", limit is >= 1 and <= 500, "Must be between 1 and 500.");
        DispatchErrors.Require(errors, "offset", offset >= 0, "Must not be negative.");
        DispatchErrors.Require(errors, "status", status is null || Statuses.Contains(status), "One of: " + string.Join(", ", Statuses) + ".");
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
        if (reader == "me")
        {
            reader = http.Actor();
        }
        await using var command = database.CreateCommand("""
            SELECT task_id, pool_id, study_key, task_type, priority, weight, status, campus, modality, exam_item, patient_type,
                   station_id, reader_id, pinned, created_at, assigned_at, started_at, completed_at
            FROM reading_tasks
            WHERE ($1::text IS NULL OR reader_id = $1) AND ($2::text IS NULL OR station_id = $2)
              AND ($3::text IS NULL OR pool_id = $3) AND ($4::text IS NULL OR lower(status) = $4)
            ORDER BY created_at DESC, task_id LIMIT $5 OFFSET $6
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)reader ?? DBNull.Value, DataTypeName = "text" });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)station ?? DBNull.Value, DataTypeName = "text" });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)pool ?? DBNull.Value, DataTypeName = "text" });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, DataTypeName = "text" });
        command.Parameters.AddWithValue(limit);
        command.Parameters.AddWithValue(offset);
        var rows = new List<WorklistRow>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new WorklistRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetDecimal(5),
                r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9), r.GetString(10), r.IsDBNull(11) ? null : r.GetString(11),
                r.IsDBNull(12) ? null : r.GetString(12), r.GetBoolean(13), Time(r, 14)!.Value, Time(r, 15), Time(r, 16), Time(r, 17)));
        }
        return TypedResults.Ok(rows);
    }

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) =>
        r.IsDBNull(i) ? null : new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc));

    private static async Task<IResult> StatisticsAsync(string poolId, NpgsqlDataSource database, TimeProvider clock, CancellationToken cancellationToken,
        DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var until = to ?? clock.GetUtcNow();
        var since = from ?? until.AddDays(-1);
        if (since >= until)
        {
            throw RequestValidationException.For("from", "Must be before to.");
        }
        var readers = new List<ReaderWorkload>();
        await using (var command = database.CreateCommand("""
            SELECT reader_id,
                   count(*) FILTER (WHERE status = 'Completed'), coalesce(sum(weight) FILTER (WHERE status = 'Completed'), 0),
                   count(*) FILTER (WHERE status IN ('Assigned', 'Started')), coalesce(sum(weight) FILTER (WHERE status IN ('Assigned', 'Started')), 0)
            FROM reading_tasks WHERE pool_id = $1 AND reader_id IS NOT NULL AND created_at >= $2 AND created_at < $3
            GROUP BY reader_id ORDER BY reader_id
            """))
        {
            AddPeriod(command, poolId, since, until);
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                readers.Add(new ReaderWorkload(r.GetString(0), r.GetInt64(1), r.GetDecimal(2), r.GetInt64(3), r.GetDecimal(4)));
            }
        }
        var campuses = new List<CampusWorkload>();
        await using (var command = database.CreateCommand("""
            SELECT campus, count(*), coalesce(sum(weight), 0) FROM reading_tasks
            WHERE pool_id = $1 AND status = 'Completed' AND created_at >= $2 AND created_at < $3 GROUP BY campus ORDER BY campus
            """))
        {
            AddPeriod(command, poolId, since, until);
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                campuses.Add(new CampusWorkload(r.GetString(0), r.GetInt64(1), r.GetDecimal(2)));
            }
        }
        var shifts = new List<ShiftWorkload>();
        await using (var command = database.CreateCommand("""
            SELECT coalesce(shift_id, ''), count(*), coalesce(sum(weight), 0), count(DISTINCT reader_id) FROM reading_tasks
            WHERE pool_id = $1 AND status = 'Completed' AND created_at >= $2 AND created_at < $3 GROUP BY 1 ORDER BY 1
            """))
        {
            AddPeriod(command, poolId, since, until);
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                shifts.Add(new ShiftWorkload(r.GetString(0), r.GetInt64(1), r.GetDecimal(2), r.GetInt64(3)));
            }
        }
        var turnaround = new List<Turnaround>();
        await using (var command = database.CreateCommand("""
            SELECT priority, count(*),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - created_at) / 60),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - created_at) / 60),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at) / 60)
            FROM reading_tasks WHERE pool_id = $1 AND status = 'Completed' AND created_at >= $2 AND created_at < $3
            GROUP BY priority ORDER BY priority
            """))
        {
            AddPeriod(command, poolId, since, until);
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                turnaround.Add(new Turnaround(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetDouble(2), r.IsDBNull(3) ? null : r.GetDouble(3),
                    r.IsDBNull(4) ? null : r.GetDouble(4)));
            }
        }
        return TypedResults.Ok(new DispatchStatistics(since, until, readers, campuses, shifts, turnaround));
    }

    private static void AddPeriod(NpgsqlCommand command, string poolId, DateTimeOffset from, DateTimeOffset to)
    {
        command.Parameters.AddWithValue(poolId);
        command.Parameters.AddWithValue(from.UtcDateTime);
        command.Parameters.AddWithValue(to.UtcDateTime);
    }
}
