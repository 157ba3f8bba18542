using System.Diagnostics;
using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CloudFilm.Benchmarks.Dispatch;

/// <summary>
/// The synthetic day against the real grains: a two-silo cluster on PostgreSQL configured as production is, with
/// the grains reading a simulated clock. Studies are submitted in arrival order (each call timed on the wall clock);
/// every simulated minute the pools are ticked (what the reminder does) and readers start and complete their tasks
/// through the same grain calls the Api makes.
/// </summary>
internal sealed class GrainSimulation(SyntheticDay day, string connectionString)
{
    private readonly Dictionary<string, DateTimeOffset> _started = [];

    public async Task<Metrics> RunAsync(TimeSpan length)
    {
        var clock = SimulatedClock.Instance;
        clock.Set(SyntheticDay.Start);
        var cluster = await PostgresCluster.StartAsync<SimulatedClockServices>(connectionString, "bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            return await ReplayAsync(cluster.Client, clock, length);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private async Task<Metrics> ReplayAsync(IClusterClient client, SimulatedClock clock, TimeSpan length)
    {
        var metrics = new Metrics("dispatcher-grains");
        var pools = day.Pools.Keys.ToDictionary(p => p, p => client.GetGrain<IDispatcherGrain>(DispatchKeys.PoolGrainKey(p)));
        foreach (var (poolId, stations) in day.Stations)
        {
            foreach (var station in stations)
            {
                await client.GetGrain<IWorkstationGrain>(DispatchKeys.StationGrainKey(station.StationId)).ConfigureAsync(poolId, station, "bench");
            }
            var errors = await pools[poolId].ConfigureAsync(day.Pools[poolId], "bench");
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("the synthetic configuration is refused: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")));
            }
        }

        var arrivals = new Queue<Arrival>(day.Arrivals);
        var watch = new Stopwatch();
        for (var now = SyntheticDay.Start; now < SyntheticDay.Start + length; now = now.AddMinutes(1))
        {
            if (now == SyntheticDay.Noon)
            {
                clock.Set(now);
                foreach (var (_, stationId) in day.OnLeaveAtNoon)
                {
                    await client.GetGrain<IWorkstationGrain>(DispatchKeys.StationGrainKey(stationId)).SetEnabledAsync(false, "bench");
                }
            }
            while (arrivals.Count > 0 && arrivals.Peek().At < now.AddMinutes(1))
            {
                var arrival = arrivals.Dequeue();
                clock.Set(arrival.At);
                metrics.Submitted.Add(arrival.Subject.StudyKey);
                watch.Restart();
                var task = await pools[arrival.PoolId].SubmitAsync(arrival.Subject, StudyWorkflowEvent.ImagesArrived);
                metrics.AssignLatencyMs.Add(watch.Elapsed.TotalMilliseconds);
                Observe(task, metrics);
            }
            clock.Set(now.AddMinutes(1));
            foreach (var pool in pools.Values)
            {
                await pool.TickAsync();
                await ReadersAsync(pool, clock.GetUtcNow(), metrics);
            }
        }
        return metrics;
    }

    /// <summary>Each reader on duty finishes what is due and starts their most urgent, oldest task.</summary>
    private async Task ReadersAsync(IDispatcherGrain pool, DateTimeOffset now, Metrics metrics)
    {
        var view = await pool.GetViewAsync();
        foreach (var task in view.Tasks)
        {
            Observe(task, metrics);
        }
        foreach (var station in view.Stations.Where(s => s.OnDuty && s.Config.Enabled))
        {
            var tasks = view.Tasks.Where(t => t.StationId == station.Config.StationId).ToList();
            var reading = tasks.Where(t => t.Status == ReadingTaskStatus.Started).ToList();
            foreach (var task in reading)
            {
                var started = _started.GetValueOrDefault(task.TaskId, task.StartedAt ?? now);
                if (now >= started.AddMinutes((double)task.Weight * SyntheticDay.MinutesPerWeight))
                {
                    await pool.CompleteAsync(task.TaskId, task.ReaderId!);
                    metrics.Completed++;
                    reading.Remove(task);
                    break;
                }
            }
            if (reading.Count == 0 && station.ReaderId is { } reader)
            {
                var next = tasks.Where(t => t.Status == ReadingTaskStatus.Assigned && t.ReaderId == reader)
                    .OrderByDescending(t => t.Priority).ThenBy(t => t.CreatedAt).FirstOrDefault();
                if (next is not null && await pool.StartAsync(next.TaskId, reader) == DispatchActionOutcome.Done)
                {
                    _started[next.TaskId] = now;
                    metrics.RecordStart(next.Priority == PriorityClass.Emergency, now - next.CreatedAt);
                }
            }
        }
        var after = await pool.GetViewAsync();
        metrics.RecordLoads([.. after.Stations.Where(s => s.OnDuty && s.Config.Enabled && s.ShiftKind == ShiftKind.Regular).Select(s => s.Load)]);
    }

    private static void Observe(ReadingTask? task, Metrics metrics)
    {
        if (task?.AssignedAt is not { } assigned)
        {
            return;
        }
        var key = task.Subject.StudyKey;
        if (metrics.EverAssigned.Add(key) && task.Priority == PriorityClass.Emergency)
        {
            metrics.EmergencySecondsToAssignment[key] = (assigned - task.CreatedAt).TotalSeconds;
        }
    }

    /// <summary>Grains read the simulated clock; registered before the providers, whose TryAdd of the system clock leaves it in place.</summary>
    private sealed class SimulatedClockServices : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.Services.AddSingleton<TimeProvider>(SimulatedClock.Instance);
    }
}
