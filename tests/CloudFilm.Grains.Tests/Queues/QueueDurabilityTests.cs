using CloudFilm.Grains.Abstractions.Queues;
using CloudFilm.Grains.Queues;
using CloudFilm.Testing;
using Orleans.Runtime;

namespace CloudFilm.Grains.Tests.Queues;

public class QueueDurabilityTests
{
    [Fact]
    public async Task Killing_the_silo_that_holds_a_queue_loses_no_ticket_duplicates_none_and_renumbers_none()
    {
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("queue-kill");
        var cluster = await PostgresCluster.StartAsync(connectionString, "cf-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var definition = Queues.Ct(rules: new QueueRules(PreCallCount: 2));
            var queue = cluster.Client.GetGrain<IQueueGrain>(QueueKeys.GrainKey(definition.QueueId));
            await queue.ConfigureAsync(definition);
            var before = new List<TicketView>();
            for (var i = 0; i < 10; i++)
            {
                before.Add((await queue.IssueAsync(Queues.Walkin("before-" + i))).Ticket);
            }
            var called = await queue.CallNextAsync("r1", "call-1");

            // Registration keeps issuing while the silo holding the queue dies; failed calls are retried, as a
            // registration system retries, relying on idempotency per exam.
            var host = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(queue);
            var holder = cluster.Silos.Single(s => s.SiloAddress.Equals(host));
            var issuing = Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
            {
                await Task.Delay(i * 20);
                return (await PostgresCluster.UntilAnsweredAsync(() => queue.IssueAsync(Queues.Walkin("during-" + i)), TimeSpan.FromSeconds(60))).Ticket;
            }));
            await Task.Delay(100);
            await cluster.KillSiloAsync(holder);
            var during = await issuing;

            var tickets = await PostgresCluster.UntilAnsweredAsync(() => queue.GetTicketsAsync(), TimeSpan.FromSeconds(60));
            tickets.Should().HaveCount(30);
            tickets.Select(t => t.Number).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(Enumerable.Range(1, 30));
            tickets.Select(t => t.ExamId).Should().OnlyHaveUniqueItems();
            foreach (var t in before.Concat(during))
            {
                tickets.Single(x => x.ExamId == t.ExamId).Number.Should().Be(t.Number, "a number handed out is never changed");
            }
            tickets.Single(t => t.Number == called!.Number).Status.Should().Be(TicketStatus.Called);

            // The repeated call-next request is still recognised after the move: nobody is called twice.
            (await queue.CallNextAsync("r1", "call-1"))!.Number.Should().Be(called!.Number);
            (await queue.CallNextAsync("r1", "call-2"))!.Number.Should().Be(3, "room 1's door holds 1 and 3 by secondary triage");
            var newHost = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(queue);
            newHost.Should().NotBe(holder.SiloAddress);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
