using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Grains.Studies;

namespace CloudFilm.Grains.Dispatch;

/// <summary>
/// The dispatch rules of one pool as a plain class: which task goes to which workstation, when, and what moves when a
/// shift ends, a station is disabled or a more urgent task arrives. Deterministic given the state and the instant:
/// ties are broken by ids. Grains hold the state and call it; every change is appended to the state's outbox.
/// </summary>
public static class DispatchPolicy
{
    /// <summary>
    /// How long a completed task's id is remembered against late duplicate triggers. Short, to keep the pool's state
    /// small: the StudyGrain sends each workflow event once, so this guards only repeated external events.
    /// </summary>
    public static readonly TimeSpan CompletedRetention = TimeSpan.FromHours(1);

    /// <summary>The class a study's task gets: emergency orders and emergency patients first, then VIP, then urgent.</summary>
    public static PriorityClass ClassOf(TaskSubject subject) => subject switch
    {
        { Priority: StudyPriority.Emergency } or { PatientType: PatientType.Emergency } => PriorityClass.Emergency,
        { IsVip: true } => PriorityClass.Vip,
        { Priority: StudyPriority.Urgent } => PriorityClass.Urgent,
        _ => PriorityClass.Routine,
    };

    /// <summary>The weight (difficulty) of a task: its exam item's weight, scaled for a review.</summary>
    public static decimal WeightOf(PoolConfig config, TaskSubject subject, ReadingTaskType type)
    {
        var item = config.Weights.FirstOrDefault(w => string.Equals(w.ExamItem, subject.ExamItem, StringComparison.Ordinal));
        var weight = item?.Weight ?? config.DefaultWeight;
        return type == ReadingTaskType.ReviewReport ? weight * config.ReviewWeightFactor : weight;
    }

    /// <summary>Which task type a workflow event makes, if the pool's trigger says it should make one.</summary>
    public static ReadingTaskType? TaskTypeFor(PoolConfig config, StudyWorkflowEvent workflowEvent) => workflowEvent switch
    {
        StudyWorkflowEvent.ReportSubmittedForReview => ReadingTaskType.ReviewReport,
        StudyWorkflowEvent.StudyRegistered when config.Trigger == DispatchTrigger.StudyRegistered => ReadingTaskType.WriteReport,
        StudyWorkflowEvent.ExamCompleted when config.Trigger == DispatchTrigger.ExamCompleted => ReadingTaskType.WriteReport,
        StudyWorkflowEvent.ImagesArrived when config.Trigger == DispatchTrigger.ImagesArrived => ReadingTaskType.WriteReport,
        _ => null,
    };

    /// <summary>
    /// Creates the task for a study and task type unless one exists or was completed (idempotent), then dispatches.
    /// Returns the task as it stands afterwards, or null when the event makes no task in this pool.
    /// </summary>
    public static ReadingTask? Submit(DispatchPoolState state, TaskSubject subject, StudyWorkflowEvent workflowEvent, DateTimeOffset now)
    {
        var config = state.Config ?? throw new DispatchConfigurationException("the pool has no configuration");
        if (TaskTypeFor(config, workflowEvent) is not { } type)
        {
            return null;
        }
        var id = ReadingTask.IdOf(subject.StudyKey, type);
        if (state.CompletedTaskIds.ContainsKey(id))
        {
            return null;
        }
        if (!state.Tasks.ContainsKey(id))
        {
            var priority = ClassOf(subject);
            var eligibleAt = priority == PriorityClass.Emergency ? now : now + config.RoutineDelay;
            state.Tasks[id] = new ReadingTask(id, subject, type, priority, WeightOf(config, subject, type), ReadingTaskStatus.Pending, now, eligibleAt);
            Record(state, id, "created", now, "system", null, null, null);
            Dispatch(state, now);
        }
        return state.Tasks[id];
    }

    /// <summary>
    /// Brings the pool up to date at <paramref name="now"/>: tasks of stations that left duty or were disabled go back
    /// to the pool, then every eligible pending task is placed, most urgent first, preempting where needed.
    /// </summary>
    public static void Dispatch(DispatchPoolState state, DateTimeOffset now)
    {
        if (state.Config is not { } config)
        {
            return;
        }
        var duties = DutyRoster.At(config, now);
        PruneShiftWork(state, duties);
        ReturnTasksOfAbsentStations(state, duties, now);
        Escalate(state, config, now);

        var queue = new PriorityQueue<string, (int, DateTimeOffset, string)>();
        foreach (var task in state.Tasks.Values.Where(t => t.Status == ReadingTaskStatus.Pending && t.EligibleAt <= now))
        {
            queue.Enqueue(task.TaskId, OrderKey(task));
        }
        while (queue.TryDequeue(out var id, out _))
        {
            foreach (var evicted in Place(state, state.Tasks[id], duties, now))
            {
                queue.Enqueue(evicted, OrderKey(state.Tasks[evicted]));
            }
        }
    }

    private static (int, DateTimeOffset, string) OrderKey(ReadingTask t) => (-(int)t.Priority, t.CreatedAt, t.TaskId);

    /// <summary>Places one pending task; returns the ids of tasks it pushed out (now pending again).</summary>
    private static List<string> Place(DispatchPoolState state, ReadingTask task, Dictionary<string, Duty> duties, DateTimeOffset now)
    {
        var config = state.Config!;
        var candidates = duties.Values
            .Where(d => state.Stations.TryGetValue(d.StationId, out var s) && s.Enabled && d.Kind != ShiftKind.Sweeper)
            .Where(d => d.StationId != task.ExcludedStationId && AcceptsByRule(state.Stations[d.StationId], d, task))
            .ToList();
        // A task whose rule matches stations on duty but whose reader is not there yet (VIP, review) waits for them.
        var orphan = candidates.Count == 0;
        candidates = [.. candidates.Where(d => ReaderQualified(config, d, task))];

        var fitting = candidates.Where(d => Load(state, d.StationId) + task.Weight <= state.Stations[d.StationId].MaxLoad).ToList();
        if (fitting.Count > 0)
        {
            Assign(state, task, Best(state, task, fitting), now, "assigned");
            return [];
        }

        // Point 10: a full station takes a more urgent task by pushing out its least urgent work; its load does not grow.
        if (task.Priority > PriorityClass.Routine)
        {
            var preemptable = candidates
                .Select(d => (Duty: d, Victims: Victims(state, d.StationId, task)))
                .Where(c => c.Victims is not null)
                .ToList();
            if (preemptable.Count > 0)
            {
                var chosen = Best(state, task, preemptable.Select(c => c.Duty).ToList());
                var victims = preemptable.First(c => c.Duty == chosen).Victims!;
                foreach (var victim in victims)
                {
                    Unassign(state, victim, now, "evicted", "system", $"pushed out by {task.TaskId}");
                }
                Assign(state, task, chosen, now, "assigned");
                return [.. victims.Select(v => v.TaskId)];
            }
        }

        // Point 12: the sweeper takes what no rule on duty accepts, and what has waited too long.
        var sweepers = duties.Values
            .Where(d => d.Kind == ShiftKind.Sweeper && state.Stations.TryGetValue(d.StationId, out var s) && s.Enabled)
            .OrderBy(d => Load(state, d.StationId)).ThenBy(d => d.StationId, StringComparer.Ordinal)
            .ToList();
        var waitedTooLong = now - task.EligibleAt >= config.SweepAfter;
        if (sweepers.Count > 0 && (orphan || waitedTooLong || task.Priority == PriorityClass.Emergency))
        {
            Assign(state, task, sweepers[0], now, "swept");
            return [];
        }

        // Point 9: emergency work never waits: with no room anywhere and no sweeper, it goes over the cap.
        if (task.Priority == PriorityClass.Emergency && candidates.Count > 0)
        {
            Assign(state, task, candidates.OrderBy(d => Load(state, d.StationId) / state.Stations[d.StationId].MaxLoad)
                .ThenBy(d => d.StationId, StringComparer.Ordinal).First(), now, "assigned-over-cap");
        }
        return [];
    }

    /// <summary>Whether a station on this duty may take the task under its rule, the shift kind and the reader's standing.</summary>
    public static bool Accepts(PoolConfig config, WorkstationConfig station, Duty duty, ReadingTask task) =>
        AcceptsByRule(station, duty, task) && ReaderQualified(config, duty, task);

    private static bool AcceptsByRule(WorkstationConfig station, Duty duty, ReadingTask task)
    {
        var rule = station.Rule;
        var s = task.Subject;
        if (!(Matches(rule.Campuses, s.Campus) && Matches(rule.Modalities, s.Modality) && Matches(rule.ExamItems, s.ExamItem)
              && (rule.PatientTypes.Count == 0 || rule.PatientTypes.Contains(s.PatientType))
              && Matches(rule.Subspecialties, s.Subspecialty)
              && (rule.TaskTypes.Count == 0 || rule.TaskTypes.Contains(task.Type))))
        {
            return false;
        }
        return duty.Kind != ShiftKind.Emergency || task.Priority == PriorityClass.Emergency;
    }

    /// <summary>Reviews need a senior reader; VIP studies need one of the named VIP readers.</summary>
    private static bool ReaderQualified(PoolConfig config, Duty duty, ReadingTask task)
    {
        if (task.Type == ReadingTaskType.ReviewReport && LevelOf(config, duty.ReaderId) < 2)
        {
            return false;
        }
        if (task.Priority == PriorityClass.Vip && config.VipReaders.Count > 0 && !config.VipReaders.Contains(duty.ReaderId))
        {
            return false;
        }
        return true;
    }

    private static bool Matches(IReadOnlyList<string> allowed, string value) =>
        allowed.Count == 0 || allowed.Contains(value, StringComparer.Ordinal);

    private static int LevelOf(PoolConfig config, string readerId) =>
        config.Readers.FirstOrDefault(r => r.ReaderId == readerId)?.Level ?? 1;

    /// <summary>
    /// The least urgent tasks of a station whose removal makes room for <paramref name="task"/>: only assigned (not
    /// started), unpinned tasks of a strictly lower class, least urgent and newest first. Null when that is not enough.
    /// </summary>
    private static List<ReadingTask>? Victims(DispatchPoolState state, string stationId, ReadingTask task)
    {
        var max = state.Stations[stationId].MaxLoad;
        var load = Load(state, stationId);
        var victims = new List<ReadingTask>();
        foreach (var t in state.Tasks.Values
                     .Where(t => t.StationId == stationId && t.Status == ReadingTaskStatus.Assigned && !t.Pinned && t.Priority < task.Priority)
                     .OrderBy(t => t.Priority).ThenByDescending(t => t.AssignedAt).ThenBy(t => t.TaskId, StringComparer.Ordinal))
        {
            if (load + task.Weight <= max)
            {
                break;
            }
            victims.Add(t);
            load -= t.Weight;
        }
        return load + task.Weight <= max ? victims : null;
    }

    /// <summary>
    /// Point 5: emergencies go to the station with the fewest emergencies in hand; other work keeps each station's
    /// share of the shift's weighted work (Share), then spreads exam items and patient types, then the lighter station.
    /// </summary>
    private static Duty Best(DispatchPoolState state, ReadingTask task, List<Duty> duties)
    {
        IOrderedEnumerable<Duty> ordered = task.Priority == PriorityClass.Emergency
            ? duties.OrderBy(d => OpenTasks(state, d.StationId).Count(t => t.Priority == PriorityClass.Emergency))
                .ThenBy(d => Load(state, d.StationId) / state.Stations[d.StationId].MaxLoad)
            : duties.OrderBy(d => ShiftWorkOf(state, d) / state.Stations[d.StationId].Share)
                .ThenBy(d => OpenTasks(state, d.StationId).Count(t => t.Subject.ExamItem == task.Subject.ExamItem))
                .ThenBy(d => OpenTasks(state, d.StationId).Count(t => t.Subject.PatientType == task.Subject.PatientType))
                .ThenBy(d => Load(state, d.StationId) / state.Stations[d.StationId].MaxLoad);
        return ordered.ThenBy(d => d.StationId, StringComparer.Ordinal).First();
    }

    public static decimal Load(DispatchPoolState state, string stationId) => OpenTasks(state, stationId).Sum(t => t.Weight);

    private static IEnumerable<ReadingTask> OpenTasks(DispatchPoolState state, string stationId) =>
        state.Tasks.Values.Where(t => t.StationId == stationId && t.Status is ReadingTaskStatus.Assigned or ReadingTaskStatus.Started);

    private static string ShiftKey(Duty duty) => $"{duty.StationId}|{duty.Start.UtcTicks}";

    private static decimal ShiftWorkOf(DispatchPoolState state, Duty duty) => state.ShiftWork.GetValueOrDefault(ShiftKey(duty));

    private static void PruneShiftWork(DispatchPoolState state, Dictionary<string, Duty> duties)
    {
        var current = duties.Values.Select(ShiftKey).ToHashSet(StringComparer.Ordinal);
        foreach (var key in state.ShiftWork.Keys.Where(k => !current.Contains(k)).ToList())
        {
            state.ShiftWork.Remove(key);
        }
    }

    private static void AddShiftWork(DispatchPoolState state, string? stationId, decimal weight)
    {
        if (stationId is null || state.Config is null)
        {
            return;
        }
        var key = state.ShiftWork.Keys.FirstOrDefault(k => k.StartsWith(stationId + "|", StringComparison.Ordinal));
        if (key is not null)
        {
            state.ShiftWork[key] = Math.Max(0, state.ShiftWork[key] + weight);
        }
    }

    private static void Assign(DispatchPoolState state, ReadingTask task, Duty duty, DateTimeOffset now, string kind)
    {
        state.Tasks[task.TaskId] = task with
        {
            Status = ReadingTaskStatus.Assigned, StationId = duty.StationId, ReaderId = duty.ReaderId, AssignedAt = now, StartedAt = null,
            ShiftId = duty.ShiftId,
        };
        state.ShiftWork[ShiftKey(duty)] = ShiftWorkOf(state, duty) + task.Weight;
        Record(state, task.TaskId, kind, now, "system", duty.StationId, duty.ReaderId, null);
    }

    private static void Unassign(DispatchPoolState state, ReadingTask task, DateTimeOffset now, string kind, string by, string? reason, string? exclude = null)
    {
        AddShiftWork(state, task.StationId, -task.Weight);
        state.Tasks[task.TaskId] = task with
        {
            Status = ReadingTaskStatus.Pending, StationId = null, ReaderId = null, AssignedAt = null, StartedAt = null, Pinned = false,
            Reassignments = task.Reassignments + 1, ExcludedStationId = exclude,
        };
        Record(state, task.TaskId, kind, now, by, task.StationId, task.ReaderId, reason);
    }

    /// <summary>
    /// Point 13 and shift edges: a disabled station gives back everything not completed; a station whose shift ended
    /// gives back what its reader has not started.
    /// </summary>
    private static void ReturnTasksOfAbsentStations(DispatchPoolState state, Dictionary<string, Duty> duties, DateTimeOffset now)
    {
        foreach (var task in state.Tasks.Values.Where(t => t.StationId is not null).OrderBy(t => t.TaskId, StringComparer.Ordinal).ToList())
        {
            var enabled = state.Stations.TryGetValue(task.StationId!, out var station) && station.Enabled;
            if (!enabled)
            {
                Unassign(state, task, now, "returned", "system", "station disabled");
            }
            else if (task.Status == ReadingTaskStatus.Assigned && !task.Pinned && !duties.ContainsKey(task.StationId!))
            {
                Unassign(state, task, now, "returned", "system", "shift ended");
            }
        }
    }

    public static DispatchActionOutcome Start(DispatchPoolState state, string taskId, string readerId, DateTimeOffset now)
    {
        if (!state.Tasks.TryGetValue(taskId, out var task))
        {
            return DispatchActionOutcome.UnknownTask;
        }
        if (task.ReaderId != readerId)
        {
            return DispatchActionOutcome.NotYourTask;
        }
        if (task.Status == ReadingTaskStatus.Started)
        {
            return DispatchActionOutcome.Done;
        }
        if (task.Status != ReadingTaskStatus.Assigned)
        {
            return DispatchActionOutcome.InvalidState;
        }
        state.Tasks[taskId] = task with { Status = ReadingTaskStatus.Started, StartedAt = now };
        Record(state, taskId, "started", now, readerId, task.StationId, readerId, null);
        return DispatchActionOutcome.Done;
    }

    public static DispatchActionOutcome Complete(DispatchPoolState state, string taskId, string readerId, DateTimeOffset now)
    {
        if (!state.Tasks.TryGetValue(taskId, out var task))
        {
            return state.CompletedTaskIds.ContainsKey(taskId) ? DispatchActionOutcome.Done : DispatchActionOutcome.UnknownTask;
        }
        if (task.ReaderId != readerId)
        {
            return DispatchActionOutcome.NotYourTask;
        }
        if (task.Status is not (ReadingTaskStatus.Assigned or ReadingTaskStatus.Started))
        {
            return DispatchActionOutcome.InvalidState;
        }
        state.Tasks.Remove(taskId);
        foreach (var old in state.CompletedTaskIds.Where(c => now - c.Value > CompletedRetention).Select(c => c.Key).ToList())
        {
            state.CompletedTaskIds.Remove(old);
        }
        state.CompletedTaskIds[taskId] = now;
        Record(state, taskId, "completed", now, readerId, task.StationId, readerId, null);
        Dispatch(state, now);
        return DispatchActionOutcome.Done;
    }

    /// <summary>A reader gives a task back with a reason; it goes to someone else, not back to the same station.</summary>
    public static DispatchActionOutcome HandBack(DispatchPoolState state, string taskId, string readerId, string reason, DateTimeOffset now)
    {
        if (!state.Tasks.TryGetValue(taskId, out var task))
        {
            return DispatchActionOutcome.UnknownTask;
        }
        if (task.ReaderId != readerId)
        {
            return DispatchActionOutcome.NotYourTask;
        }
        if (task.Status is not (ReadingTaskStatus.Assigned or ReadingTaskStatus.Started))
        {
            return DispatchActionOutcome.InvalidState;
        }
        Unassign(state, task, now, "handed-back", readerId, reason, exclude: task.StationId);
        Dispatch(state, now);
        return DispatchActionOutcome.Done;
    }

    /// <summary>A supervisor moves a task to a station on duty; it is pinned there so dispatch does not move it back.</summary>
    public static DispatchActionOutcome Reassign(DispatchPoolState state, string taskId, string stationId, string by, DateTimeOffset now)
    {
        if (!state.Tasks.TryGetValue(taskId, out var task))
        {
            return DispatchActionOutcome.UnknownTask;
        }
        if (!state.Stations.TryGetValue(stationId, out var station))
        {
            return DispatchActionOutcome.UnknownStation;
        }
        if (!station.Enabled || !DutyRoster.At(state.Config!, now).TryGetValue(stationId, out var duty))
        {
            return DispatchActionOutcome.StationUnavailable;
        }
        AddShiftWork(state, task.StationId, -task.Weight);
        state.Tasks[taskId] = task with
        {
            Status = ReadingTaskStatus.Assigned, StationId = stationId, ReaderId = duty.ReaderId, AssignedAt = now, StartedAt = null,
            Pinned = true, Reassignments = task.Reassignments + 1, ShiftId = duty.ShiftId,
        };
        state.ShiftWork[ShiftKey(duty)] = ShiftWorkOf(state, duty) + task.Weight;
        Record(state, taskId, "reassigned", now, by, stationId, duty.ReaderId, task.StationId is null ? null : $"from {task.StationId}");
        Dispatch(state, now);
        return DispatchActionOutcome.Done;
    }

    public static DispatchActionOutcome Pin(DispatchPoolState state, string taskId, bool pinned, string by, DateTimeOffset now)
    {
        if (!state.Tasks.TryGetValue(taskId, out var task))
        {
            return DispatchActionOutcome.UnknownTask;
        }
        if (task.StationId is null)
        {
            return DispatchActionOutcome.InvalidState;
        }
        state.Tasks[taskId] = task with { Pinned = pinned };
        Record(state, taskId, pinned ? "pinned" : "unpinned", now, by, task.StationId, task.ReaderId, null);
        return DispatchActionOutcome.Done;
    }

    /// <summary>Adds or replaces a station's configuration (enabled flag included) and dispatches again.</summary>
    public static void UpsertStation(DispatchPoolState state, WorkstationConfig station, string by, DateTimeOffset now)
    {
        var before = state.Stations.GetValueOrDefault(station.StationId);
        state.Stations[station.StationId] = station;
        if (before is not null && before.Enabled != station.Enabled)
        {
            Record(state, "", station.Enabled ? "station-enabled" : "station-disabled", now, by, station.StationId, null, null);
        }
        Dispatch(state, now);
    }

    /// <summary>Emergency tasks not started within the pool's SLA: the board highlights them.</summary>
    public static IReadOnlyList<string> Escalated(DispatchPoolState state, DateTimeOffset now) =>
        state.Config is not { } config
            ? []
            : [.. state.Tasks.Values.Where(t => IsOverdue(config, t, now)).Select(t => t.TaskId).Order(StringComparer.Ordinal)];

    private static bool IsOverdue(PoolConfig config, ReadingTask t, DateTimeOffset now) =>
        t.Priority == PriorityClass.Emergency && t.Status is ReadingTaskStatus.Pending or ReadingTaskStatus.Assigned
        && now - t.CreatedAt >= config.EmergencyStartSla;

    /// <summary>Records once, as an event, each emergency that has just passed its start SLA (so the boards hear of it).</summary>
    private static void Escalate(DispatchPoolState state, PoolConfig config, DateTimeOffset now)
    {
        foreach (var task in state.Tasks.Values.Where(t => !t.Escalated && IsOverdue(config, t, now)).OrderBy(t => t.TaskId, StringComparer.Ordinal).ToList())
        {
            state.Tasks[task.TaskId] = task with { Escalated = true };
            Record(state, task.TaskId, "escalated", now, "system", task.StationId, task.ReaderId, $"not started within {config.EmergencyStartSla.TotalMinutes:0} minutes");
        }
    }

    /// <summary>The next instant at which dispatching again could change something without any call arriving.</summary>
    public static DateTimeOffset? NextWakeUp(DispatchPoolState state, DateTimeOffset now)
    {
        if (state.Config is not { } config)
        {
            return null;
        }
        var times = new List<DateTimeOffset>();
        foreach (var t in state.Tasks.Values)
        {
            if (t.Status == ReadingTaskStatus.Pending)
            {
                times.Add(t.EligibleAt);
                times.Add(t.EligibleAt + config.SweepAfter);
            }
            if (t.Priority == PriorityClass.Emergency && t.Status != ReadingTaskStatus.Started)
            {
                times.Add(t.CreatedAt + config.EmergencyStartSla);
            }
        }
        if (DutyRoster.NextBoundary(config, now) is { } boundary)
        {
            times.Add(boundary);
        }
        var future = times.Where(t => t > now).ToList();
        return future.Count == 0 ? null : future.Min();
    }

    private static void Record(DispatchPoolState state, string taskId, string kind, DateTimeOffset now, string by, string? stationId, string? readerId, string? reason) =>
        state.Outbox.Add(new DispatchEvent(taskId, kind, now, by, stationId, readerId, reason, state.NextSequence++));
}
