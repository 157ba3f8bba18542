using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Abstractions.Queues;
using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Silo.Projections;
using CloudFilm.Testing;
using Npgsql;

namespace CloudFilm.Silo.Tests.Projections;

/// <summary>
/// Grain enums kept as text in the query tables and matched by another process: the stored names are pinned here, so
/// a member added without a stored name, or a stored name changed, fails a test instead of the worklist or the AI push.
/// </summary>
public class StoredVocabularyTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reading_task_statuses_keep_their_stored_names() =>
        Enum.GetValues<ReadingTaskStatus>().Select(s => s.Stored()).Should().Equal("Pending", "Assigned", "Started", "Completed");

    [Fact]
    public void Ticket_statuses_keep_their_stored_names() =>
        Enum.GetValues<TicketStatus>().Select(s => s.Stored()).Should()
            .Equal("Waiting", "Called", "Done", "Missed", "Transferred", "Cancelled", "Expired");

    [Fact]
    public async Task The_dispatch_projection_writes_the_stored_reading_task_statuses()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgresServer.Instance.CreateDatabaseAsync("vocabulary"));
        var subject = new TaskSubject("S1", "east", "CT", "胸部平扫", PatientType.Outpatient, StudyPriority.Routine, false);
        var tasks = Enum.GetValues<ReadingTaskStatus>()
            .Select(s => new ReadingTask($"S{(int)s}:WriteReport", subject with { StudyKey = $"S{(int)s}" }, ReadingTaskType.WriteReport,
                PriorityClass.Routine, 1m, s, At, At))
            .ToList();
        var completion = new DispatchEvent("S9:WriteReport", "completed", At, "reader-1", "ws-1", "reader-1", null, 2);

        await new PostgresDispatchProjectionWriter(dataSource).WriteAsync("pool",
            [new DispatchEvent(tasks[0].TaskId, "created", At, "system", null, null, null, 1), completion],
            [.. tasks, tasks[0] with { TaskId = "S9:WriteReport", Status = ReadingTaskStatus.Started }]);

        (await StatusesAsync(dataSource, "SELECT task_id, status FROM reading_tasks")).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["S0:WriteReport"] = ReadingTaskStatus.Pending.Stored(),
            ["S1:WriteReport"] = ReadingTaskStatus.Assigned.Stored(),
            ["S2:WriteReport"] = ReadingTaskStatus.Started.Stored(),
            ["S3:WriteReport"] = ReadingTaskStatus.Completed.Stored(),
            ["S9:WriteReport"] = ReadingTaskStatus.Completed.Stored(),
        });
    }

    [Fact]
    public async Task The_queue_projection_writes_the_stored_ticket_statuses()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgresServer.Instance.CreateDatabaseAsync("vocabulary"));
        var queue = new QueueDefinition("ct-vocabulary", "east", "CT 检查", "C", ["CT"], [new RoomDefinition("r1", "CT1室")], new QueueRules(), new VoiceSettings());
        var tickets = Enum.GetValues<TicketStatus>()
            .Select(s => new TicketView(queue.QueueId, (int)s + 1, $"C{(int)s + 1:000}", $"E{(int)s}", "张三丰", "张*丰", TicketLane.Normal, s, null,
                DateOnly.FromDateTime(At.UtcDateTime), At, null, 0, 0, ""))
            .ToList();

        await new PostgresQueueProjectionWriter(dataSource).WriteQueueAsync(queue, tickets, At);

        (await StatusesAsync(dataSource, "SELECT exam_id, status FROM queue_tickets")).Should()
            .BeEquivalentTo(tickets.ToDictionary(t => t.ExamId, t => t.Status.Stored()));
    }

    private static async Task<Dictionary<string, string>> StatusesAsync(NpgsqlDataSource dataSource, string sql)
    {
        var statuses = new Dictionary<string, string>();
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            statuses[reader.GetString(0)] = reader.GetString(1);
        }
        return statuses;
    }
}
