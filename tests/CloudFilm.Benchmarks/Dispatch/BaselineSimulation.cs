using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Dispatch;

namespace CloudFilm.Benchmarks.Dispatch;

/// <summary>
/// The two ways departments work without a dispatcher, on the same day, roster, leave and reader speed:
/// round-robin (each study dealt to the next reader on duty whose rule takes it, no load limit) and
/// "reader picks the oldest" (a shared queue; a free reader takes the oldest study their rule allows, blind to priority).
/// </summary>
internal sealed class BaselineSimulation(SyntheticDay day, bool roundRobin)
{
    private sealed class Item(Arrival arrival)
    {
        public Arrival Arrival { get; } = arrival;
        public string? Station { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
    }

    private readonly Dictionary<string, List<Item>> _inHand = [];
    private readonly Dictionary<string, List<Item>> _pending = [];
    private readonly HashSet<string> _disabled = [];
    private readonly Dictionary<string, int> _next = [];

    public Metrics Run(TimeSpan length)
    {
        var metrics = new Metrics(roundRobin ? "round-robin" : "reader-picks-oldest");
        foreach (var pool in day.Pools.Keys)
        {
            _pending[pool] = [];
        }
        var arrivals = new Queue<Arrival>(day.Arrivals);
        for (var now = SyntheticDay.Start; now < SyntheticDay.Start + length; now = now.AddMinutes(1))
        {
            if (now == SyntheticDay.Noon)
            {
                _disabled.UnionWith(day.OnLeaveAtNoon.Select(l => l.StationId));
            }
            while (arrivals.Count > 0 && arrivals.Peek().At < now.AddMinutes(1))
            {
                var arrival = arrivals.Dequeue();
                metrics.Submitted.Add(arrival.Subject.StudyKey);
                _pending[arrival.PoolId].Add(new Item(arrival));
            }
            foreach (var (poolId, config) in day.Pools)
            {
                Minute(poolId, config, now, metrics);
            }
        }
        return metrics;
    }

    private void Minute(string poolId, PoolConfig config, DateTimeOffset now, Metrics metrics)
    {
        var stations = day.Stations[poolId].ToDictionary(s => s.StationId);
        var duties = DutyRoster.At(config, now).Values.Where(d => !_disabled.Contains(d.StationId)).OrderBy(d => d.StationId, StringComparer.Ordinal).ToList();
        var onDuty = duties.Select(d => d.StationId).ToHashSet();
        // Unstarted work of readers who left goes back to the queue.
        foreach (var (station, items) in _inHand.Where(h => stations.ContainsKey(h.Key) && !onDuty.Contains(h.Key)))
        {
            foreach (var item in items.Where(i => i.StartedAt is null).ToList())
            {
                items.Remove(item);
                item.Station = null;
                _pending[poolId].Add(item);
            }
        }
        var pending = _pending[poolId];
        if (roundRobin)
        {
            foreach (var item in pending.OrderBy(i => i.Arrival.At).ToList())
            {
                var task = Task(item, now);
                var candidates = duties.Where(d => d.Kind != ShiftKind.Sweeper && DispatchPolicy.Accepts(config, stations[d.StationId], d, task)).ToList();
                if (candidates.Count == 0)
                {
                    candidates = [.. duties.Where(d => d.Kind == ShiftKind.Sweeper)];
                }
                if (candidates.Count == 0)
                {
                    continue;
                }
                var index = _next.GetValueOrDefault(poolId);
                _next[poolId] = index + 1;
                Give(item, candidates[index % candidates.Count].StationId, now, metrics);
                pending.Remove(item);
            }
        }
        foreach (var duty in duties)
        {
            var hand = _inHand.TryGetValue(duty.StationId, out var h) ? h : _inHand[duty.StationId] = [];
            foreach (var item in hand.Where(i => i.StartedAt is { } s && now >= s.AddMinutes((double)i.Arrival.Weight * SyntheticDay.MinutesPerWeight)).ToList())
            {
                hand.Remove(item);
                metrics.Completed++;
            }
            if (hand.Any(i => i.StartedAt is not null))
            {
                continue;
            }
            if (roundRobin)
            {
                var next = hand.OrderByDescending(i => DispatchPolicy.ClassOf(i.Arrival.Subject)).ThenBy(i => i.Arrival.At).FirstOrDefault();
                if (next is not null)
                {
                    next.StartedAt = now;
                    metrics.RecordStart(DispatchPolicy.ClassOf(next.Arrival.Subject) == PriorityClass.Emergency, Wait(next, now));
                }
            }
            else
            {
                var oldest = pending.OrderBy(i => i.Arrival.At)
                    .FirstOrDefault(i => duty.Kind == ShiftKind.Sweeper || DispatchPolicy.Accepts(config, stations[duty.StationId], duty, Task(i, now)));
                if (oldest is not null)
                {
                    pending.Remove(oldest);
                    Give(oldest, duty.StationId, now, metrics);
                    oldest.StartedAt = now;
                    metrics.RecordStart(DispatchPolicy.ClassOf(oldest.Arrival.Subject) == PriorityClass.Emergency, Wait(oldest, now));
                }
            }
        }
        metrics.RecordLoads([.. duties.Where(d => d.Kind == ShiftKind.Regular)
            .Select(d => _inHand.TryGetValue(d.StationId, out var hand) ? hand.Sum(i => i.Arrival.Weight) : 0m)]);
    }

    private void Give(Item item, string stationId, DateTimeOffset now, Metrics metrics)
    {
        item.Station = stationId;
        (_inHand.TryGetValue(stationId, out var hand) ? hand : _inHand[stationId] = []).Add(item);
        var key = item.Arrival.Subject.StudyKey;
        if (metrics.EverAssigned.Add(key) && DispatchPolicy.ClassOf(item.Arrival.Subject) == PriorityClass.Emergency)
        {
            // Minute resolution: a study arriving during a minute is handled at that minute's start, so same-minute counts as 0.
            metrics.EmergencySecondsToAssignment[key] = Math.Max(0, (now - item.Arrival.At).TotalSeconds);
        }
    }

    private static TimeSpan Wait(Item item, DateTimeOffset now) => now > item.Arrival.At ? now - item.Arrival.At : TimeSpan.Zero;

    private static ReadingTask Task(Item item, DateTimeOffset now) =>
        new(ReadingTask.IdOf(item.Arrival.Subject.StudyKey, ReadingTaskType.WriteReport), item.Arrival.Subject, ReadingTaskType.WriteReport,
            DispatchPolicy.ClassOf(item.Arrival.Subject), item.Arrival.Weight, ReadingTaskStatus.Pending, item.Arrival.At, now);
}
