namespace CloudFilm.Grains.Abstractions.Queues;

/// <summary>
/// <see cref="TicketStatus"/> as stored in <c>queue_tickets.status</c>: written by the queue projection in the Silo,
/// matched by DicomNode's AI exam push (a Called or Done ticket means the exam started). Spelled out per member, so
/// renaming a member does not rename what is stored (docs/database.md, "Stored vocabularies").
/// </summary>
public static class TicketStatusNames
{
    /// <summary>The statuses of a ticket whose exam has started (partial index <c>queue_tickets_started</c>).</summary>
    public static IReadOnlyList<TicketStatus> ExamStarted { get; } = [TicketStatus.Called, TicketStatus.Done];

    public static string Stored(this TicketStatus status) => status switch
    {
        TicketStatus.Waiting => "Waiting",
        TicketStatus.Called => "Called",
        TicketStatus.Done => "Done",
        TicketStatus.Missed => "Missed",
        TicketStatus.Transferred => "Transferred",
        TicketStatus.Cancelled => "Cancelled",
        TicketStatus.Expired => "Expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a ticket status"),
    };
}
