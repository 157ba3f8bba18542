using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Grains.Dispatch;

namespace CloudFilm.Grains.Tests.Dispatch;

/// <summary>
/// Test data builder for dispatch: a pool in Shanghai time (UTC+8) on Monday 2026-11-23, with a day shift 08:00–17:00,
/// an evening shift 17:00–08:00, an emergency shift and a 24-hour sweeper shift to roster stations on.
/// </summary>
public sealed class DispatchScenario
{
    public static readonly DateOnly Monday = new(2026, 11, 23);

    /// <summary>10:00 in Shanghai, inside the day shift.</summary>
    public static readonly DateTimeOffset Ten = Local(Monday, 10, 0);

    public DispatchPoolState State { get; } = new();

    private readonly List<RosterEntry> _roster = [];
    private readonly List<ReaderProfile> _readers = [];
    private PoolConfig _config = PoolConfig.Empty("east") with
    {
        Campuses = ["东院"],
        Trigger = DispatchTrigger.ImagesArrived,
        Weights = [new ItemWeight("胸部CT平扫", 1m), new ItemWeight("头颅MR增强", 3m), new ItemWeight("腹部CT增强", 2m)],
        Shifts =
        [
            new ShiftDefinition("day", "白班", ShiftKind.Regular, new TimeOnly(8, 0), new TimeOnly(17, 0)),
            new ShiftDefinition("evening", "夜班", ShiftKind.Regular, new TimeOnly(17, 0), new TimeOnly(8, 0)),
            new ShiftDefinition("er", "急诊班", ShiftKind.Emergency, new TimeOnly(0, 0), new TimeOnly(0, 0)),
            new ShiftDefinition("sweep", "兜底班", ShiftKind.Sweeper, new TimeOnly(0, 0), new TimeOnly(0, 0)),
            new ShiftDefinition("weekend", "周末班", ShiftKind.Weekend, new TimeOnly(8, 0), new TimeOnly(20, 0)),
        ],
    };

    public static DateTimeOffset Local(DateOnly date, int hour, int minute) => new(date.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8));

    public DispatchScenario Configure(Func<PoolConfig, PoolConfig> change)
    {
        _config = change(_config);
        Apply();
        return this;
    }

    /// <summary>A station with a reader rostered on it for <paramref name="shift"/> on <paramref name="date"/> (Monday by default).</summary>
    public DispatchScenario Station(string id, decimal maxLoad = 10m, TaskRule? rule = null, string shift = "day", string? reader = null,
        int level = 1, decimal share = 1m, DateOnly? date = null, string campus = "东院")
    {
        State.Stations[id] = new WorkstationConfig(id, "工位" + id, campus, rule ?? TaskRule.Any, maxLoad, share);
        reader ??= "dr-" + id;
        if (_readers.All(r => r.ReaderId != reader))
        {
            _readers.Add(new ReaderProfile(reader, "医生" + id, level));
        }
        _roster.Add(new RosterEntry(date ?? Monday, shift, id, reader));
        Apply();
        return this;
    }

    /// <summary>Also rosters an existing station for another shift or date.</summary>
    public DispatchScenario Roster(string stationId, string shift, DateOnly date, string? reader = null)
    {
        _roster.Add(new RosterEntry(date, shift, stationId, reader ?? "dr-" + stationId));
        Apply();
        return this;
    }

    private void Apply() => State.Config = _config with { Roster = [.. _roster], Readers = [.. _readers] };

    public static TaskSubject Study(string key, string item = "胸部CT平扫", StudyPriority priority = StudyPriority.Routine,
        PatientType patientType = PatientType.Outpatient, bool vip = false, string campus = "东院", string modality = "CT", string subspecialty = "") =>
        new(key, campus, modality, item, patientType, priority, vip, subspecialty);

    public static TaskSubject Emergency(string key, string item = "胸部CT平扫") => Study(key, item, StudyPriority.Emergency, PatientType.Emergency);

    public ReadingTask Arrive(TaskSubject subject, DateTimeOffset? at = null) =>
        DispatchPolicy.Submit(State, subject, StudyWorkflowEvent.ImagesArrived, at ?? Ten)!;

    public ReadingTask Review(TaskSubject subject, DateTimeOffset? at = null) =>
        DispatchPolicy.Submit(State, subject, StudyWorkflowEvent.ReportSubmittedForReview, at ?? Ten)!;

    public ReadingTask Task(string studyKey, ReadingTaskType type = ReadingTaskType.WriteReport) =>
        State.Tasks[ReadingTask.IdOf(studyKey, type)];

    public string? StationOf(string studyKey) => Task(studyKey).StationId;

    public decimal Load(string stationId) => DispatchPolicy.Load(State, stationId);

    public static TaskRule Items(params string[] items) => TaskRule.Any with { ExamItems = items };

    /// <summary>Every eligible task is with a station, and no station other than a sweeper or an emergency overflow is over its cap.</summary>
    public IEnumerable<ReadingTask> PendingEligible(DateTimeOffset now) =>
        State.Tasks.Values.Where(t => t.Status == ReadingTaskStatus.Pending && t.EligibleAt <= now);
}
