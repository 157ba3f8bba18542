using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Grains.Studies;
using CloudFilm.Testing;
using Npgsql;
using Orleans.Runtime;
using static CloudFilm.Grains.Tests.Dispatch.DispatchSetup;

namespace CloudFilm.Grains.Tests.Dispatch;

public class DispatcherFailoverTests
{
    [Fact]
    public async Task Killing_the_silo_of_the_dispatcher_during_a_burst_loses_no_task_and_assigns_none_twice()
    {
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("dispatchkill");
        var cluster = await PostgresCluster.StartAsync(connectionString, "cf-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var poolId = UniquePool();
            var stations = Enumerable.Range(0, 6).Select(i => ($"{poolId}-W{i}", 30m)).ToList();
            var pool = await PoolAsync(cluster.Client, poolId, stations);
            var host = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(pool);
            var holder = cluster.Silos.Single(s => s.SiloAddress.Equals(host));

            const int burst = 150;
            var submissions = Enumerable.Range(0, burst).Select(async i =>
            {
                await Task.Delay(i * 10);
                var subject = Study($"{poolId}-S{i:D3}", i % 10 == 0 ? StudyPriority.Emergency : StudyPriority.Routine);
                // The caller retries until the pool answers, as the StudyGrain hook's caller does; submissions are idempotent.
                return await PostgresCluster.UntilAnsweredAsync(() => pool.SubmitAsync(subject, StudyWorkflowEvent.StudyRegistered), TimeSpan.FromSeconds(90));
            }).ToList();
            await Task.Delay(burst * 10 / 3);
            var answeredBeforeKill = submissions.Count(t => t.IsCompletedSuccessfully);
            await cluster.KillSiloAsync(holder);
            var answers = await Task.WhenAll(submissions);

            answeredBeforeKill.Should().BeInRange(1, burst - 1, "the silo dies in the middle of the burst");
            var newHost = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(pool);
            newHost.Should().NotBe(holder.SiloAddress);

            answers.Should().OnlyContain(t => t != null);
            var view = await PostgresCluster.UntilAnsweredAsync(() => pool.GetViewAsync(), TimeSpan.FromSeconds(60));
            view.Tasks.Should().HaveCount(burst);
            view.Tasks.Select(t => t.TaskId).Should().OnlyHaveUniqueItems();
            view.Tasks.Should().OnlyContain(t => t.Status == ReadingTaskStatus.Assigned && t.StationId != null);
            foreach (var station in view.Stations)
            {
                station.Load.Should().Be(view.Tasks.Where(t => t.StationId == station.Config.StationId).Sum(t => t.Weight));
                station.Load.Should().BeLessThanOrEqualTo(station.Config.MaxLoad);
            }

            // The event log agrees: each task created once, and holding exactly one station at the end.
            await using var db = NpgsqlDataSource.Create(connectionString);
            await using var command = db.CreateCommand("""
                SELECT task_id,
                       count(*) FILTER (WHERE kind = 'created'),
                       count(*) FILTER (WHERE kind IN ('assigned', 'swept', 'assigned-over-cap', 'reassigned')),
                       count(*) FILTER (WHERE kind IN ('evicted', 'returned', 'handed-back'))
                FROM dispatch_events WHERE pool_id = $1 AND task_id <> '' GROUP BY task_id
                """);
            command.Parameters.AddWithValue(poolId);
            var rows = 0;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    rows++;
                    reader.GetInt64(1).Should().Be(1, reader.GetString(0));
                    (reader.GetInt64(2) - reader.GetInt64(3)).Should().Be(1, reader.GetString(0));
                }
            }
            rows.Should().Be(burst);
            await using var distinct = db.CreateCommand("SELECT count(*) FROM reading_tasks WHERE pool_id = $1 AND status = 'Assigned'");
            distinct.Parameters.AddWithValue(poolId);
            ((long)(await distinct.ExecuteScalarAsync())!).Should().Be(burst);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
