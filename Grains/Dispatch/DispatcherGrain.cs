using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Projections;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace CloudFilm.Grains.Dispatch;

/// <summary>
/// The open reading tasks of one pool. Calls are handled one at a time (no reentrancy), so each assignment decision
/// sees the previous one; every change is persisted before it is answered, then written to the worklist tables and
/// announced to the boards. A reminder every minute (and a timer for sooner wake-ups) drives delayed assignment,
/// shift edges, sweeping and SLA escalation while nothing else happens.
/// </summary>
public sealed partial class DispatcherGrain(
    [PersistentState("dispatchPool", GrainStorage.Name)] IPersistentState<DispatchPoolState> state,
    IDispatchProjectionWriter projections,
    TimeProvider clock,
    ILogger<DispatcherGrain> logger) : Grain, IDispatcherGrain, IRemindable
{
    private const string TickReminder = "dispatch-tick";
    private readonly ObserverManager<IDispatchBoardObserver> _observers = new(DispatchKeys.ObserverLifetime, logger);
    private IGrainTimer? _wakeUp;

    private string PoolId => this.GetPrimaryKeyString()["pool/".Length..];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Config is not null)
        {
            await this.RegisterOrUpdateReminder(TickReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            // Work that came due while the pool was not active (a silo died, a restart) is dispatched now.
            await ChangeAsync(now => DispatchPolicy.Dispatch(state.State, now));
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> ConfigureAsync(PoolConfig config, string by)
    {
        var now = clock.GetUtcNow();
        var errors = DispatchConfigValidator.Validate(config with { PoolId = PoolId }, state.State.Stations.Values, now);
        if (errors.Count > 0)
        {
            return errors;
        }
        await ChangeAsync(n =>
        {
            state.State.Config = config with { PoolId = PoolId };
            state.State.Outbox.Add(new DispatchEvent("", "configured", n, by, null, null, null, state.State.NextSequence++));
            DispatchPolicy.Dispatch(state.State, n);
        });
        await this.RegisterOrUpdateReminder(TickReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        return errors;
    }

    public Task<PoolConfig?> GetConfigAsync() => Task.FromResult(state.State.Config);

    public Task<IReadOnlyDictionary<string, string>> CopyRosterWeekAsync(DateOnly fromWeekStart, DateOnly toWeekStart, string by) =>
        state.State.Config is { } config
            ? ConfigureAsync(config with { Roster = RosterOperations.CopyWeek(config.Roster, fromWeekStart, toWeekStart) }, by)
            : throw NotConfigured();

    public Task<IReadOnlyDictionary<string, string>> CopyStationRosterAsync(string stationId, string copyStationId, string? readerId, string by) =>
        state.State.Config is { } config
            ? ConfigureAsync(config with { Roster = RosterOperations.CopyStationRoster(config.Roster, stationId, copyStationId, readerId) }, by)
            : throw NotConfigured();

    private static DispatchRefusedException NotConfigured() => new(DispatchActionOutcome.PoolNotConfigured, "the pool is not configured");

    public Task UpsertStationAsync(WorkstationConfig station, string by) =>
        ChangeAsync(now => DispatchPolicy.UpsertStation(state.State, station, by, now));

    public async Task<ReadingTask?> SubmitAsync(TaskSubject subject, StudyWorkflowEvent workflowEvent)
    {
        if (state.State.Config is null)
        {
            LogNotConfigured(logger, PoolId);
            return null;
        }
        ReadingTask? task = null;
        await ChangeAsync(now => task = DispatchPolicy.Submit(state.State, subject, workflowEvent, now));
        return task;
    }

    public Task<DispatchActionOutcome> StartAsync(string taskId, string readerId) =>
        ActAsync(now => DispatchPolicy.Start(state.State, taskId, readerId, now));

    public Task<DispatchActionOutcome> CompleteAsync(string taskId, string readerId) =>
        ActAsync(now => DispatchPolicy.Complete(state.State, taskId, readerId, now));

    public Task<DispatchActionOutcome> HandBackAsync(string taskId, string readerId, string reason) =>
        ActAsync(now => DispatchPolicy.HandBack(state.State, taskId, readerId, reason, now));

    public Task<DispatchActionOutcome> ReassignAsync(string taskId, string stationId, string by) =>
        ActAsync(now => DispatchPolicy.Reassign(state.State, taskId, stationId, by, now));

    public Task<DispatchActionOutcome> PinAsync(string taskId, bool pinned, string by) =>
        ActAsync(now => DispatchPolicy.Pin(state.State, taskId, pinned, by, now));

    public Task<PoolView> GetViewAsync()
    {
        var now = clock.GetUtcNow();
        var duties = state.State.Config is { } config ? DutyRoster.At(config, now) : [];
        var stations = state.State.Stations.Values.OrderBy(s => s.StationId, StringComparer.Ordinal)
            .Select(s => duties.TryGetValue(s.StationId, out var d)
                ? new StationView(s, true, d.ReaderId, d.Kind, DispatchPolicy.Load(state.State, s.StationId))
                : new StationView(s, false, null, null, DispatchPolicy.Load(state.State, s.StationId)))
            .ToList();
        var tasks = state.State.Tasks.Values.OrderByDescending(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.TaskId, StringComparer.Ordinal).ToList();
        return Task.FromResult(new PoolView(PoolId, stations, tasks, DispatchPolicy.Escalated(state.State, now), now, state.State.NextSequence));
    }

    public Task TickAsync() =>
        state.State.Config is null ? Task.CompletedTask : ChangeAsync(now => DispatchPolicy.Dispatch(state.State, now));

    public Task SubscribeAsync(IDispatchBoardObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        state.State.Config is null ? Task.CompletedTask : ChangeAsync(now => DispatchPolicy.Dispatch(state.State, now));

    private async Task<DispatchActionOutcome> ActAsync(Func<DateTimeOffset, DispatchActionOutcome> action)
    {
        if (state.State.Config is null)
        {
            return DispatchActionOutcome.UnknownTask;
        }
        var outcome = DispatchActionOutcome.Done;
        await ChangeAsync(now => outcome = action(now));
        return outcome;
    }

    /// <summary>Applies a change, persists it if it produced events, then projects and announces it.</summary>
    private async Task ChangeAsync(Action<DateTimeOffset> change)
    {
        var now = clock.GetUtcNow();
        var before = state.State.NextSequence;
        change(now);
        if (state.State.NextSequence != before || state.State.Outbox.Count > 0)
        {
            await state.WriteStateAsync();
            await FlushOutboxAsync();
            Announce();
        }
        ScheduleWakeUp(now);
    }

    /// <summary>
    /// Writes the outbox to the event log and the worklist; the outbox is emptied in memory only, so after a crash
    /// before the next write the same events are written again, harmlessly.
    /// </summary>
    private async Task FlushOutboxAsync()
    {
        var events = state.State.Outbox.ToList();
        var touched = events.Select(e => e.TaskId).Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);
        var open = state.State.Tasks.Values.Where(t => touched.Contains(t.TaskId)).ToList();
        await projections.WriteAsync(PoolId, events, open);
        state.State.Outbox.Clear();
    }

    /// <summary>Tells the subscribed Api copies; lapsed subscriptions are dropped on the way, a failed push is not retried.</summary>
    private void Announce()
    {
        var version = state.State.NextSequence;
        _observers.Notify(o => o.PoolChanged(PoolId, version).Ignore());
    }

    /// <summary>Reminders fire at most once a minute; a sooner wake-up (a delay ending, an SLA) gets a one-off timer.</summary>
    private void ScheduleWakeUp(DateTimeOffset now)
    {
        _wakeUp?.Dispose();
        _wakeUp = null;
        if (DispatchPolicy.NextWakeUp(state.State, now) is { } next && next - now < TimeSpan.FromMinutes(1))
        {
            _wakeUp = this.RegisterGrainTimer(
                () => ChangeAsync(n => DispatchPolicy.Dispatch(state.State, n)),
                new GrainTimerCreationOptions(next - now + TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan) { Interleave = false });
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Dispatch pool {PoolId} has no configuration; the study event is ignored")]
    private static partial void LogNotConfigured(ILogger logger, string poolId);
}
