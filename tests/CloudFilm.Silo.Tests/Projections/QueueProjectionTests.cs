using CloudFilm.Grains.Abstractions.Queues;
using CloudFilm.Silo.Projections;
using Npgsql;

namespace CloudFilm.Silo.Tests.Projections;

/// <summary>The queues query table as the queue grains write it and the study grains look queues up in it.</summary>
public sealed class QueueProjectionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync() => _dataSource = NpgsqlDataSource.Create(await PostgresServer.Instance.CreateDatabaseAsync("silo"));

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    private static QueueDefinition Queue(string id, string campus, string name, params string[] examTypes) =>
        new(id, campus, name, "C", examTypes, [new RoomDefinition("r1", "CT1室")], new QueueRules(), new VoiceSettings());

    [Fact]
    public async Task A_written_queue_is_found_by_its_campus_and_either_modality_or_exam_item()
    {
        var writer = new PostgresQueueProjectionWriter(_dataSource);
        await writer.WriteQueueAsync(Queue("ct-east", "east", "CT 检查", "CT", "胸部CT平扫"), [], Morning);
        await writer.WriteQueueAsync(Queue("ct-west", "west", "CT 检查", "CT"), [], Morning);
        var directory = new PostgresQueueDirectory(_dataSource);

        (await directory.FindQueueAsync("east", "CT", "头颅CT")).Should().Be("ct-east", "the modality is one of its exam types");
        (await directory.FindQueueAsync("east", "DX", "胸部CT平扫")).Should().Be("ct-east", "the exam item is one of its exam types");
        (await directory.FindQueueAsync("west", "CT", "头颅CT")).Should().Be("ct-west");
        (await directory.FindQueueAsync("east", "MR", "头颅MR")).Should().BeNull();
    }

    [Fact]
    public async Task A_late_write_of_an_older_definition_does_not_replace_a_newer_one()
    {
        var writer = new PostgresQueueProjectionWriter(_dataSource);
        await writer.WriteQueueAsync(Queue("us-east", "east", "超声 新", "US"), [], Morning.AddMinutes(5));

        await writer.WriteQueueAsync(Queue("us-east", "east", "超声 旧", "US"), [], Morning);

        await using var name = _dataSource.CreateCommand("SELECT name FROM queues WHERE queue_id = 'us-east'");
        (await name.ExecuteScalarAsync()).Should().Be("超声 新");
    }

    [Fact]
    public async Task Tickets_are_upserted_by_queue_day_and_number_and_an_older_state_does_not_win()
    {
        var writer = new PostgresQueueProjectionWriter(_dataSource);
        var definition = Queue("dx-east", "east", "DR 检查", "DX");
        var day = new DateOnly(2026, 11, 23);
        TicketView Ticket(TicketStatus status, int calls) =>
            new("dx-east", 1, "D001", "exam-1", "张三", "张*", TicketLane.Normal, status, calls > 0 ? "r1" : null, day, Morning, null, calls, 0, "");

        await writer.WriteQueueAsync(definition, [Ticket(TicketStatus.Waiting, 0)], Morning);
        await writer.WriteQueueAsync(definition, [Ticket(TicketStatus.Called, 1)], Morning.AddMinutes(2));
        await writer.WriteQueueAsync(definition, [Ticket(TicketStatus.Waiting, 0)], Morning.AddMinutes(1));

        await using var row = _dataSource.CreateCommand("SELECT count(*), max(call_count), max(room_id) FROM queue_tickets WHERE queue_id = 'dx-east'");
        await using var reader = await row.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetInt64(0).Should().Be(1);
        reader.GetInt32(1).Should().Be(1);
        reader.GetString(2).Should().Be("r1");
    }
}
