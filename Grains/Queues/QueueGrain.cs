using CloudFilm.Grains.Abstractions.Queues;
using CloudFilm.Grains.Projections;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Utilities;

namespace CloudFilm.Grains.Queues;

/// <summary>
/// One patient queue. The rules are <see cref="QueueCalling"/>; this grain loads the state, applies a command,
/// persists before answering (so a silo loss never loses or renumbers a ticket), then pushes the events to the
/// subscribed Api copies and writes the tickets projection. A daily reminder rolls the service day over.
/// </summary>
public sealed class QueueGrain(
    [PersistentState("queue", GrainStorage.Name)] IPersistentState<QueueState> state,
    IQueueProjectionWriter projections,
    TimeProvider clock,
    ILogger<QueueGrain> logger) : Grain, IQueueGrain, IRemindable
{
    private const string DayResetReminder = "queue-day-reset";
    private const int HandledRequestsKept = 500;
    private readonly ObserverManager<IQueueObserver> _observers = new(QueueKeys.ObserverLifetime, logger);

    public async Task<QueueDefinition> ConfigureAsync(QueueDefinition definition)
    {
        if (definition.QueueId != QueueId)
        {
            throw new QueueRuleException(QueueRefusal.InvalidDefinition, "queueId does not match the queue");
        }
        await ApplyAsync(c => c.Configure(definition));
        var now = clock.GetUtcNow();
        await this.RegisterOrUpdateReminder(DayResetReminder, ServiceDays.NextReset(now, definition.Rules) - now, TimeSpan.FromDays(1));
        return definition;
    }

    public Task<QueueDefinition?> GetDefinitionAsync() => Task.FromResult(state.State.Definition);

    public async Task<IssuedTicket> IssueAsync(TicketRequest request)
    {
        var change = await ApplyAsync(c => c.Issue(request));
        return new IssuedTicket(View(change.Ticket!), change.Events.Any(e => e.Kind == QueueEventKind.TicketIssued));
    }

    public async Task<TicketView> AcceptTransferAsync(TicketRequest request, DateTimeOffset arrivedAt) =>
        View((await ApplyAsync(c => c.AcceptTransfer(request, arrivedAt))).Ticket!);

    public Task<TicketView?> CallNextAsync(string roomId, string requestId) => CommandAsync(requestId, c => c.CallNext(roomId));

    public async Task<TicketView> RecallAsync(string roomId, string requestId) => (await CommandAsync(requestId, c => c.Recall(roomId)))!;

    public async Task<TicketView> SelectAsync(string roomId, int number, string requestId) => (await CommandAsync(requestId, c => c.Select(roomId, number)))!;

    public async Task<TicketView> MarkMissedAsync(string roomId, string requestId) => (await CommandAsync(requestId, c => c.MarkMissed(roomId)))!;

    public async Task<TicketView> ReturnMissedAsync(int number, string requestId) => (await CommandAsync(requestId, c => c.ReturnMissed(number)))!;

    public async Task<TicketView> CompleteAsync(string roomId, string requestId) => (await CommandAsync(requestId, c => c.Complete(roomId)))!;

    public Task SetRoomPausedAsync(string roomId, bool paused, string requestId) => CommandAsync(requestId, c => c.SetPaused(roomId, paused));

    public async Task<TicketView> TransferToRoomAsync(int number, string roomId, string requestId) =>
        (await CommandAsync(requestId, c => c.TransferToRoom(number, roomId)))!;

    public async Task<TicketView> TransferToQueueAsync(int number, string targetQueueId, string? targetRoomId, string requestId)
    {
        if (targetQueueId == QueueId)
        {
            return await TransferToRoomAsync(number, targetRoomId ?? throw new QueueRuleException(QueueRefusal.UnknownRoom, "a transfer within the queue needs a room"), requestId);
        }
        var target = GrainFactory.GetGrain<IQueueGrain>(QueueKeys.GrainKey(targetQueueId));
        if (await target.GetDefinitionAsync() is null)
        {
            throw new QueueRuleException(QueueRefusal.NotConfigured, $"queue {targetQueueId} is not configured");
        }
        var ticket = state.State.Tickets.FirstOrDefault(t => t.Number == number)
            ?? throw new QueueRuleException(QueueRefusal.UnknownTicket, $"no ticket {number} today");
        var request = new TicketRequest(ticket.ExamId, ticket.PatientName, null, false,
            ticket.Lane switch { TicketLane.Emergency => TicketUrgency.Emergency, TicketLane.Priority => TicketUrgency.Urgent, _ => TicketUrgency.Routine },
            ticket.Slot, targetRoomId, ticket.ExamItem);
        var arrivedAt = ticket.ArrivedAt;
        // Admit there first: if this grain then fails before persisting, a retry finds the ticket there (idempotent per exam).
        var admitted = await target.AcceptTransferAsync(request, arrivedAt);
        if (ticket.Status != TicketStatus.Transferred)
        {
            await CommandAsync(requestId, c => c.TransferOut(number));
        }
        return admitted;
    }

    public Task<IReadOnlyList<TicketView>> GetTicketsAsync()
    {
        var calling = Calling();
        return Task.FromResult<IReadOnlyList<TicketView>>([.. state.State.Tickets.OrderBy(t => t.Number).Select(calling.View)]);
    }

    public Task<QueueScreenSnapshot> GetScreenSnapshotAsync() => Task.FromResult(Calling().Snapshot());

    public Task SubscribeAsync(IQueueObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IQueueObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == DayResetReminder && state.State.Definition is not null)
        {
            await ApplyAsync(c => c.RollOver());
        }
    }

    private string QueueId => this.GetPrimaryKeyString()["queue/".Length..];

    private QueueCalling Calling() => new(state.State, clock.GetUtcNow());

    private async Task<TicketView?> CommandAsync(string requestId, Func<QueueCalling, QueueChange> command)
    {
        if (state.State.HandledRequests.FirstOrDefault(r => r.RequestId == requestId) is { } handled)
        {
            return handled.Number is { } n && state.State.Tickets.FirstOrDefault(t => t.Number == n) is { } done ? View(done) : null;
        }
        var change = await ApplyAsync(command, requestId);
        return change.Ticket is null ? null : View(change.Ticket);
    }

    private async Task<QueueChange> ApplyAsync(Func<QueueCalling, QueueChange> command, string? requestId = null)
    {
        var before = state.State.Revision;
        QueueChange change;
        try
        {
            change = command(Calling());
        }
        catch (QueueRuleException)
        {
            // A refused command may have rolled the day over before refusing: reload so nothing half-applied stays.
            await state.ReadStateAsync();
            throw;
        }
        if (requestId is not null)
        {
            state.State.HandledRequests.Add(new HandledRequest(requestId, change.Ticket?.Number));
            if (state.State.HandledRequests.Count > HandledRequestsKept)
            {
                state.State.HandledRequests.RemoveAt(0);
            }
        }
        if (state.State.Revision != before || requestId is not null)
        {
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                await state.ReadStateAsync();
                throw;
            }
        }
        if (change.Events.Count > 0 && _observers.Count > 0)
        {
            var snapshot = Calling().Snapshot();
            for (var i = 0; i < change.Events.Count; i++)
            {
                var e = i == change.Events.Count - 1 ? change.Events[i] with { Snapshot = snapshot } : change.Events[i];
                _observers.Notify(o => { _ = o.OnQueueEvent(e); });
            }
        }
        if (change.Events.Count > 0)
        {
            await WriteProjectionAsync(change.Events);
        }
        return change;
    }

    private async Task WriteProjectionAsync(IReadOnlyList<QueueEvent> events)
    {
        try
        {
            var calling = Calling();
            var touched = events.Where(e => e.Ticket is not null).Select(e => e.Ticket!.Number).ToHashSet();
            await projections.WriteQueueAsync(state.State.Definition!,
                [.. state.State.Tickets.Where(t => touched.Contains(t.Number)).Select(calling.View)], clock.GetUtcNow());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The state is already durable; the projection converges on the next change.
            QueueLog.ProjectionFailed(logger, QueueId, e);
        }
    }

    private TicketView View(Ticket ticket) => Calling().View(ticket);
}

internal static partial class QueueLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Writing the tickets projection of queue {QueueId} failed")]
    public static partial void ProjectionFailed(ILogger logger, string queueId, Exception exception);
}
