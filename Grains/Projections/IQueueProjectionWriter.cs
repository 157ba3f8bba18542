
using CloudFilm.Grains.Abstractions.Queues;

namespace CloudFilm.Grains.Projections;

/// <summary>
/// Writes the queue query tables (deploy/sql/0020: queues, queue_tickets) after each persisted change of a queue:
/// the queue row and the tickets the change touched. Upserts, so a retry converges. Carries no patient names.
/// </summary>
public interface IQueueProjectionWriter
{
    Task WriteQueueAsync(QueueDefinition definition, IReadOnlyList<TicketView> changedTickets, DateTimeOffset at);
}
