using Orleans.Concurrency;

namespace CloudFilm.Grains.Abstractions.Queues;

/// <summary>
/// The live state of one patient queue: tickets, rooms, calls. Key: <see cref="QueueKeys.GrainKey"/> of the queue id.
/// Every command that changes the queue carries a request id; repeating a request id returns the first result
/// without acting again (a double-tapped "call next" calls once).
/// </summary>
public interface IQueueGrain : IGrainWithStringKey
{
    Task<QueueDefinition> ConfigureAsync(QueueDefinition definition);

    Task<QueueDefinition?> GetDefinitionAsync();

    /// <summary>Issues a ticket; the same exam id on the same service day gets the same ticket back.</summary>
    Task<IssuedTicket> IssueAsync(TicketRequest request);

    Task<TicketView?> CallNextAsync(string roomId, string requestId);

    Task<TicketView> RecallAsync(string roomId, string requestId);

    Task<TicketView> SelectAsync(string roomId, int number, string requestId);

    Task<TicketView> MarkMissedAsync(string roomId, string requestId);

    Task<TicketView> ReturnMissedAsync(int number, string requestId);

    Task<TicketView> CompleteAsync(string roomId, string requestId);

    Task SetRoomPausedAsync(string roomId, bool paused, string requestId);

    /// <summary>Moves a waiting, called or missed ticket to another room of this queue.</summary>
    Task<TicketView> TransferToRoomAsync(int number, string roomId, string requestId);

    /// <summary>Moves a ticket to another queue, where it gets that queue's next number.</summary>
    Task<TicketView> TransferToQueueAsync(int number, string targetQueueId, string? targetRoomId, string requestId);

    /// <summary>Accepts a ticket transferred from another queue, keeping its lane and (by rule) its arrival time.</summary>
    Task<TicketView> AcceptTransferAsync(TicketRequest request, DateTimeOffset arrivedAt);

    Task<IReadOnlyList<TicketView>> GetTicketsAsync();

    Task<QueueScreenSnapshot> GetScreenSnapshotAsync();

    /// <summary>Subscribes an Api copy to the queue's events; re-subscribe before <c>QueueKeys.ObserverLifetime</c> ends.</summary>
    Task SubscribeAsync(IQueueObserver observer);

    Task UnsubscribeAsync(IQueueObserver observer);
}

/// <summary>Receives a queue's events (an Api copy, which pushes them to its screens).</summary>
public interface IQueueObserver : IGrainObserver
{
    [OneWay]
    Task OnQueueEvent(QueueEvent queueEvent);
}

/// <summary>Grain keys of queues carry a prefix so an all-hex queue id is never taken for an integer key.</summary>
public static class QueueKeys
{
    public static string GrainKey(string queueId) => "queue/" + queueId;

    /// <summary>How long an observer subscription lasts without renewal.</summary>
    public static readonly TimeSpan ObserverLifetime = TimeSpan.FromMinutes(2);
}
