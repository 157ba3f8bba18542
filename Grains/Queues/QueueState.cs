using CloudFilm.Grains.Abstractions.Queues;

namespace CloudFilm.Grains.Queues;

/// <summary>The persisted state of one queue (JSON). Only the current service day's tickets are kept.</summary>
public sealed class QueueState
{
    public QueueDefinition? Definition { get; set; }

    public DateOnly ServiceDay { get; set; }

    /// <summary>The last ticket number issued on <see cref="ServiceDay"/>; numbers are never reused within a day.</summary>
    public int LastNumber { get; set; }

    /// <summary>Increases with every event; screens use it to notice a missed event.</summary>
    public long Revision { get; set; }

    /// <summary>How many patients have been called (call next or select) today; holds of returning missed patients count in it.</summary>
    public long CallsMade { get; set; }

    public List<Ticket> Tickets { get; set; } = [];

    public List<string> PausedRooms { get; set; } = [];

    /// <summary>The latest calls, newest last, for the hall screen's "last called" list.</summary>
    public List<QueueCall> RecentCalls { get; set; } = [];

    /// <summary>Request ids already handled, with the ticket number they acted on (newest last).</summary>
    public List<HandledRequest> HandledRequests { get; set; } = [];
}

/// <summary>A command already applied, so a repeat of its request id does not act twice.</summary>
public sealed record HandledRequest(string RequestId, int? Number);

/// <summary>One ticket of the current service day.</summary>
public sealed class Ticket
{
    public int Number { get; set; }

    public string ExamId { get; set; } = "";

    public string PatientName { get; set; } = "";

    public string? ExamItem { get; set; }

    public TicketLane Lane { get; set; }

    public TicketStatus Status { get; set; }

    /// <summary>The room the patient waits for; null while any room of the queue may call them.</summary>
    public string? RoomId { get; set; }

    /// <summary>True when registration or a transfer bound the ticket to its room (it stays there).</summary>
    public bool RoomFixed { get; set; }

    /// <summary>True when the room was given by secondary triage (pre-call), not by registration or a transfer.</summary>
    public bool PreCalled { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The time the ordering uses: arrival, kept across a transfer when the rules say so.</summary>
    public DateTimeOffset ArrivedAt { get; set; }

    public AppointmentSlot? Slot { get; set; }

    public int CallCount { get; set; }

    public DateTimeOffset? CalledAt { get; set; }

    public int Misses { get; set; }

    /// <summary>A returning missed patient is not called before the queue has made this many calls.</summary>
    public long? HeldUntilCall { get; set; }

    /// <summary>When a missed patient came back (they go first in their lane once their hold ends).</summary>
    public DateTimeOffset? ReturnedAt { get; set; }
}
