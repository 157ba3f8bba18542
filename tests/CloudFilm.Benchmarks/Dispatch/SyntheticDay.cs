
using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Benchmarks.Dispatch;

/// <summary>One study arriving at a moment of the simulated day, for a pool.</summary>
internal sealed record Arrival(DateTimeOffset At, string PoolId, TaskSubject Subject, decimal Weight);

/// <summary>
/// A synthetic day of a three-campus hospital: two pools (东院 and 南院 share one, 西院 has its own), 40 stations on day,
/// evening, night, emergency and sweeper shifts, studies arriving on a two-peak curve (5% emergency), and two day
/// readers going on leave at noon. Deterministic for a seed.
/// </summary>
internal sealed class SyntheticDay
{
    public static readonly DateOnly Date = new(2026, 11, 24);
    public static readonly DateTimeOffset Start = new(Date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));

    /// <summary>Minutes a reader needs per unit of weight.</summary>
    public const double MinutesPerWeight = 2.0;

    private static readonly (string Modality, string Item, decimal Weight, double Share)[] Items =
    [
        ("CT", "胸部CT平扫", 1.0m, 0.25), ("CT", "头颅CT平扫", 1.0m, 0.15), ("CT", "腹部CT增强", 2.0m, 0.10),
        ("MR", "头颅MR增强", 3.0m, 0.10), ("MR", "腰椎MR平扫", 2.0m, 0.10), ("DR", "胸部DR", 0.5m, 0.30),
    ];

    private static readonly double[] HourlyArrivals = [1, 1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 9, 6, 7, 9, 9, 8, 6, 4, 3, 3, 2, 2, 1];

    public List<Arrival> Arrivals { get; } = [];

    public Dictionary<string, PoolConfig> Pools { get; } = [];

    public Dictionary<string, List<WorkstationConfig>> Stations { get; } = [];

    /// <summary>Stations whose readers go on leave at noon.</summary>
    public List<(string PoolId, string StationId)> OnLeaveAtNoon { get; } = [];

    public static DateTimeOffset Noon => Start.AddHours(12);

    public static SyntheticDay Generate(int studies, int seed)
    {
        var day = new SyntheticDay();
        day.AddPool("east", ["东院", "南院"], dayCt: 8, dayMr: 5, dayDr: 3, dayAny: 4, evening: 3, night: 2);
        day.AddPool("west", ["西院"], dayCt: 4, dayMr: 2, dayDr: 1, dayAny: 1, evening: 2, night: 1);
        day.OnLeaveAtNoon.Add(("east", "east-CT1"));
        day.OnLeaveAtNoon.Add(("east", "east-MR1"));

        var random = new Random(seed);
        var totalWeight = HourlyArrivals.Sum();
        for (var i = 0; i < studies; i++)
        {
            var hour = Pick(random, HourlyArrivals, totalWeight);
            var at = Start.AddHours(hour).AddSeconds(random.NextDouble() * 3600);
            var campusRoll = random.NextDouble();
            var (pool, campus) = campusRoll < 0.45 ? ("east", "东院") : campusRoll < 0.65 ? ("east", "南院") : ("west", "西院");
            var item = Items[Pick(random, [.. Items.Select(x => x.Share)], 1.0)];
            var roll = random.NextDouble();
            var priority = roll < 0.05 ? StudyPriority.Emergency : roll < 0.15 ? StudyPriority.Urgent : StudyPriority.Routine;
            var patientType = priority == StudyPriority.Emergency ? PatientType.Emergency
                : random.NextDouble() < 0.4 ? PatientType.Inpatient : random.NextDouble() < 0.2 ? PatientType.PhysicalExam : PatientType.Outpatient;
            var vip = priority != StudyPriority.Emergency && random.NextDouble() < 0.02;
            var subject = new TaskSubject($"B{seed}-{i:D5}", campus, item.Modality, item.Item, patientType, priority, vip);
            day.Arrivals.Add(new Arrival(at, pool, subject, item.Weight));
        }
        day.Arrivals.Sort((a, b) => a.At.CompareTo(b.At));
        return day;
    }

    private static int Pick(Random random, IReadOnlyList<double> weights, double total)
    {
        var roll = random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }
        return weights.Count - 1;
    }

    private void AddPool(string poolId, string[] campuses, int dayCt, int dayMr, int dayDr, int dayAny, int evening, int night)
    {
        var stations = new List<WorkstationConfig>();
        var roster = new List<RosterEntry>();
        var readers = new List<ReaderProfile>();
        void Add(string name, TaskRule rule, string shift)
        {
            var id = $"{poolId}-{name}";
            stations.Add(new WorkstationConfig(id, name, campuses[0], rule, 6m));
            readers.Add(new ReaderProfile("r-" + id, "医生" + name, 2));
            roster.Add(new RosterEntry(Date, shift, id, "r-" + id));
        }
        for (var i = 1; i <= dayCt; i++)
        {
            Add("CT" + i, TaskRule.Any with { Modalities = ["CT"] }, "day");
        }
        for (var i = 1; i <= dayMr; i++)
        {
            Add("MR" + i, TaskRule.Any with { Modalities = ["MR"] }, "day");
        }
        for (var i = 1; i <= dayDr; i++)
        {
            Add("DR" + i, TaskRule.Any with { Modalities = ["DR"] }, "day");
        }
        for (var i = 1; i <= dayAny; i++)
        {
            Add("GEN" + i, TaskRule.Any, "day");
        }
        for (var i = 1; i <= evening; i++)
        {
            Add("EVE" + i, TaskRule.Any, "evening");
        }
        for (var i = 1; i <= night; i++)
        {
            Add("NIGHT" + i, TaskRule.Any, "night");
        }
        Add("ER", TaskRule.Any, "er");
        Add("SWEEP", TaskRule.Any, "sweep");
        // The night shift of the next morning and the 24-hour shifts of the next day, so the tail of the day drains.
        foreach (var entry in roster.Where(e => e.ShiftId is "night" or "er" or "sweep").ToList())
        {
            roster.Add(entry with { Date = Date.AddDays(1) });
        }
        Stations[poolId] = stations;
        Pools[poolId] = PoolConfig.Empty(poolId) with
        {
            Campuses = campuses,
            Trigger = DispatchTrigger.ImagesArrived,
            Weights = [.. Items.Select(i => new ItemWeight(i.Item, i.Weight))],
            SweepAfter = TimeSpan.FromMinutes(30),
            Shifts =
            [
                new ShiftDefinition("day", "白班", ShiftKind.Regular, new TimeOnly(8, 0), new TimeOnly(17, 0)),
                new ShiftDefinition("evening", "晚班", ShiftKind.Regular, new TimeOnly(17, 0), new TimeOnly(0, 0)),
                new ShiftDefinition("night", "夜班", ShiftKind.Regular, new TimeOnly(0, 0), new TimeOnly(8, 0)),
                new ShiftDefinition("er", "急诊班", ShiftKind.Emergency, new TimeOnly(0, 0), new TimeOnly(0, 0)),
                new ShiftDefinition("sweep", "兜底班", ShiftKind.Sweeper, new TimeOnly(0, 0), new TimeOnly(0, 0)),
            ],
            Roster = roster,
            Readers = readers,
        };
    }
}
