using CloudFilm.Grains.Abstractions.Queues;
using CloudFilm.Grains.Queues;
using CloudFilm.Grains.Tests.Cluster;
using Npgsql;

namespace CloudFilm.Grains.Tests.Queues;

public class QueueGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private async Task<IQueueGrain> NewQueueAsync(QueueRules? rules = null)
    {
        var definition = Queues.Ct(rules: rules);
        var grain = fixture.Cluster.Client.GetGrain<IQueueGrain>(QueueKeys.GrainKey(definition.QueueId));
        await grain.ConfigureAsync(definition);
        return grain;
    }

    [Fact]
    public async Task Concurrent_issues_for_one_exam_give_one_ticket_and_distinct_exams_get_distinct_numbers()
    {
        var queue = await NewQueueAsync();
        var same = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => queue.IssueAsync(Queues.Walkin("X"))));
        same.Select(t => t.Ticket.Number).Distinct().Should().ContainSingle().Which.Should().Be(1);
        same.Count(t => t.Created).Should().Be(1);

        var many = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => queue.IssueAsync(Queues.Walkin("E" + i))));
        many.Select(t => t.Ticket.Number).Should().BeEquivalentTo(Enumerable.Range(2, 20));
        (await queue.GetTicketsAsync()).Should().HaveCount(21);
    }

    [Fact]
    public async Task A_repeated_request_id_acts_once()
    {
        var queue = await NewQueueAsync();
        await queue.IssueAsync(Queues.Walkin("A"));
        await queue.IssueAsync(Queues.Walkin("B"));
        var first = await queue.CallNextAsync("r1", "req-1");
        var again = await queue.CallNextAsync("r1", "req-1");
        again!.Number.Should().Be(first!.Number);
        var tickets = await queue.GetTicketsAsync();
        tickets.Single(t => t.Number == 2).Status.Should().Be(TicketStatus.Waiting);
        (await queue.GetScreenSnapshotAsync()).RecentCalls.Should().ContainSingle();
    }

    [Fact]
    public async Task A_refusal_reaches_the_caller_with_its_reason()
    {
        var queue = await NewQueueAsync();
        var act = () => queue.RecallAsync("r1", "req-1");
        (await act.Should().ThrowAsync<QueueRuleException>()).Which.Refusal.Should().Be(QueueRefusal.NoCurrentPatient);
    }

    [Fact]
    public async Task Observers_receive_every_event_in_revision_order()
    {
        var queue = await NewQueueAsync();
        var observer = new RecordingObserver();
        var reference = fixture.Cluster.Client.CreateObjectReference<IQueueObserver>(observer);
        await queue.SubscribeAsync(reference);
        await queue.IssueAsync(Queues.Walkin("A", name: "张三丰"));
        await queue.CallNextAsync("r1", "c1");
        await queue.RecallAsync("r1", "c2");

        var events = await observer.WaitForAsync(3);
        events.Select(e => e.Kind).Should().Equal(QueueEventKind.TicketIssued, QueueEventKind.Called, QueueEventKind.Recalled);
        events.Select(e => e.Revision).Should().BeInAscendingOrder();
        events[1].Call!.SpokenText.Should().Be("请 C001 号 张*丰 到 CT1室 检查");
        events[1].Snapshot!.Rooms[0].Current!.Number.Should().Be(1, "the last event of a command carries the snapshot after it");
        events[1].Snapshot!.Revision.Should().Be(events[1].Revision);
        await queue.UnsubscribeAsync(reference);
        fixture.Cluster.Client.DeleteObjectReference<IQueueObserver>(reference);
    }

    [Fact]
    public async Task Transfer_to_another_queue_issues_a_ticket_there_and_takes_it_off_here()
    {
        var from = await NewQueueAsync();
        var to = await NewQueueAsync();
        var toId = (await to.GetDefinitionAsync())!.QueueId;
        await from.IssueAsync(Queues.Walkin("A"));
        await to.IssueAsync(Queues.Walkin("B"));

        var moved = await from.TransferToQueueAsync(1, toId, "r2", "t1");
        moved.QueueId.Should().Be(toId);
        moved.Number.Should().Be(2);
        moved.RoomId.Should().Be("r2");
        (await from.GetTicketsAsync()).Single().Status.Should().Be(TicketStatus.Transferred);
        (await to.CallNextAsync("r2", "c1"))!.ExamId.Should().Be("A", "the transferred patient keeps their earlier arrival");
    }

    [Fact]
    public async Task The_tickets_projection_follows_the_queue_without_names()
    {
        var queue = await NewQueueAsync();
        var queueId = (await queue.GetDefinitionAsync())!.QueueId;
        await queue.IssueAsync(Queues.Walkin("A", name: "欧阳娜娜"));
        await queue.CallNextAsync("r1", "c1");

        await using var data = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = data.CreateCommand("SELECT status, room_id, call_count FROM queue_tickets WHERE queue_id = $1 AND number = 1");
        command.Parameters.Add(new NpgsqlParameter { Value = queueId });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetString(0).Should().Be("Called");
        reader.GetString(1).Should().Be("r1");
        reader.GetInt32(2).Should().Be(1);
    }

    private sealed class RecordingObserver : IQueueObserver
    {
        private readonly List<QueueEvent> _events = [];

        public Task OnQueueEvent(QueueEvent queueEvent)
        {
            lock (_events)
            {
                _events.Add(queueEvent);
            }
            return Task.CompletedTask;
        }

        public async Task<List<QueueEvent>> WaitForAsync(int count)
        {
            for (var i = 0; i < 200; i++)
            {
                lock (_events)
                {
                    if (_events.Count >= count)
                    {
                        return [.. _events];
                    }
                }
                await Task.Delay(50);
            }
            lock (_events)
            {
                return [.. _events];
            }
        }
    }
}
