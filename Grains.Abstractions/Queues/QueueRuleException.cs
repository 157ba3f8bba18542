namespace CloudFilm.Grains.Abstractions.Queues;

/// <summary>Why a queue command was refused.</summary>
public enum QueueRefusal
{
    NotConfigured = 0,
    UnknownRoom = 1,
    UnknownTicket = 2,
    RoomPaused = 3,
    NoCurrentPatient = 4,
    WrongTicketStatus = 5,
    InvalidDefinition = 6,
}

/// <summary>A queue command that the queue's rules refuse (the caller's mistake, not a bug).</summary>
[GenerateSerializer]
public sealed class QueueRuleException : Exception
{
    public QueueRuleException()
    {
    }

    public QueueRuleException(string message) : base(message)
    {
    }

    public QueueRuleException(string message, Exception inner) : base(message, inner)
    {
    }

    public QueueRuleException(QueueRefusal refusal, string message) : base(message) => Refusal = refusal;

    [Id(0)]
    public QueueRefusal Refusal { get; init; }
}
