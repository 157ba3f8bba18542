namespace CloudFilm.Grains.Abstractions.Queues;

/// <summary>Where a ticket is in its life.</summary>
public enum TicketStatus
{
    Waiting = 0,
    Called = 1,
    Done = 2,
    Missed = 3,
    Transferred = 4,
    Cancelled = 5,
    Expired = 6,
}

/// <summary>The lane a ticket waits in; lower lanes are called first.</summary>
public enum TicketLane
{
    Emergency = 0,
    Priority = 1,
    Normal = 2,
}

/// <summary>How urgent the exam is, as the registration system says.</summary>
public enum TicketUrgency
{
    Routine = 0,
    Urgent = 1,
    Emergency = 2,
}

/// <summary>An appointment time slot.</summary>
[GenerateSerializer, Immutable]
public sealed record AppointmentSlot(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset End);

/// <summary>A request from a registration system to issue a ticket for one exam (idempotent per exam id).</summary>
[GenerateSerializer, Immutable]
public sealed record TicketRequest(
    [property: Id(0)] string ExamId,
    [property: Id(1)] string PatientName,
    [property: Id(2)] int? Age = null,
    [property: Id(3)] bool Disabled = false,
    [property: Id(4)] TicketUrgency Urgency = TicketUrgency.Routine,
    [property: Id(5)] AppointmentSlot? Slot = null,
    [property: Id(6)] string? RoomId = null,
    [property: Id(7)] string? ExamItem = null);

/// <summary>A ticket as staff and the registration system see it (full name; screens get <see cref="ScreenTicket"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record TicketView(
    [property: Id(0)] string QueueId,
    [property: Id(1)] int Number,
    [property: Id(2)] string DisplayNumber,
    [property: Id(3)] string ExamId,
    [property: Id(4)] string PatientName,
    [property: Id(5)] string MaskedName,
    [property: Id(6)] TicketLane Lane,
    [property: Id(7)] TicketStatus Status,
    [property: Id(8)] string? RoomId,
    [property: Id(9)] DateOnly ServiceDay,
    [property: Id(10)] DateTimeOffset IssuedAt,
    [property: Id(11)] AppointmentSlot? Slot,
    [property: Id(12)] int CallCount,
    [property: Id(13)] int Misses,
    [property: Id(14)] string SlipText);

/// <summary>A ticket as public screens see it: number, masked name, room. Never the full name.</summary>
[GenerateSerializer, Immutable]
public sealed record ScreenTicket(
    [property: Id(0)] int Number,
    [property: Id(1)] string DisplayNumber,
    [property: Id(2)] string MaskedName,
    [property: Id(3)] TicketLane Lane,
    [property: Id(4)] TicketStatus Status,
    [property: Id(5)] string? RoomId,
    [property: Id(6)] int CallCount);

/// <summary>One room as screens see it.</summary>
[GenerateSerializer, Immutable]
public sealed record ScreenRoom(
    [property: Id(0)] RoomDefinition Room,
    [property: Id(1)] bool Paused,
    [property: Id(2)] ScreenTicket? Current,
    [property: Id(3)] IReadOnlyList<ScreenTicket> Next);

/// <summary>
/// Everything a screen needs to draw a queue, at one revision. A screen applies events with higher revisions and
/// fetches a new snapshot when it sees a gap.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QueueScreenSnapshot(
    [property: Id(0)] string QueueId,
    [property: Id(1)] string Campus,
    [property: Id(2)] string Name,
    [property: Id(3)] long Revision,
    [property: Id(4)] IReadOnlyList<ScreenRoom> Rooms,
    [property: Id(5)] IReadOnlyList<ScreenTicket> Waiting,
    [property: Id(6)] IReadOnlyList<ScreenTicket> Missed,
    [property: Id(7)] IReadOnlyList<QueueCall> RecentCalls,
    [property: Id(8)] VoiceSettings Voice);

/// <summary>A call as screens and voice boxes receive it, with the text to speak.</summary>
[GenerateSerializer, Immutable]
public sealed record QueueCall(
    [property: Id(0)] ScreenTicket Ticket,
    [property: Id(1)] string RoomId,
    [property: Id(2)] string RoomName,
    [property: Id(3)] string SpokenText,
    [property: Id(4)] bool IsRecall,
    [property: Id(5)] DateTimeOffset At);

/// <summary>What changed in a queue.</summary>
public enum QueueEventKind
{
    Configured = 0,
    TicketIssued = 1,
    Called = 2,
    Recalled = 3,
    Missed = 4,
    Returned = 5,
    Completed = 6,
    RoomPaused = 7,
    RoomResumed = 8,
    Transferred = 9,
    DayReset = 10,
    Cancelled = 11,
}

/// <summary>
/// One change of a queue, pushed to screens. <see cref="Call"/> is set for calls and recalls. The last event of a
/// command carries the queue's snapshot after it, so a screen redraws from pushed state without asking back.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QueueEvent(
    [property: Id(0)] string QueueId,
    [property: Id(1)] long Revision,
    [property: Id(2)] QueueEventKind Kind,
    [property: Id(3)] ScreenTicket? Ticket,
    [property: Id(4)] string? RoomId,
    [property: Id(5)] QueueCall? Call,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] QueueScreenSnapshot? Snapshot = null);

/// <summary>The answer to a ticket request: the ticket, and whether this request created it (false on a repeat).</summary>
[GenerateSerializer, Immutable]
public sealed record IssuedTicket(
    [property: Id(0)] TicketView Ticket,
    [property: Id(1)] bool Created);
