using System.Text.Json;
using CloudFilm.Grains.Abstractions.Queues;
using CloudFilm.Grains.Projections;
using Npgsql;
using NpgsqlTypes;

namespace CloudFilm.Silo.Projections;

/// <summary>Upserts the queues and queue_tickets query tables (deploy/sql/0020) in one round trip.</summary>
public sealed class PostgresQueueProjectionWriter(NpgsqlDataSource dataSource) : IQueueProjectionWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task WriteQueueAsync(QueueDefinition definition, IReadOnlyList<TicketView> changedTickets, DateTimeOffset at)
    {
        await using var batch = dataSource.CreateBatch();
        var queue = new NpgsqlBatchCommand("""
            INSERT INTO queues (queue_id, campus, name, definition, updated_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (queue_id) DO UPDATE SET campus = excluded.campus, name = excluded.name,
                definition = excluded.definition, updated_at = excluded.updated_at
            WHERE queues.updated_at <= excluded.updated_at
            """);
        queue.Parameters.Add(new NpgsqlParameter { Value = definition.QueueId });
        queue.Parameters.Add(new NpgsqlParameter { Value = definition.Campus });
        queue.Parameters.Add(new NpgsqlParameter { Value = definition.Name });
        queue.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(definition, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        queue.Parameters.Add(new NpgsqlParameter { Value = at.UtcDateTime });
        batch.BatchCommands.Add(queue);
        foreach (var t in changedTickets)
        {
            var ticket = new NpgsqlBatchCommand("""
                INSERT INTO queue_tickets (queue_id, service_day, number, exam_id, lane, status, room_id, issued_at, call_count, misses, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT (queue_id, service_day, number) DO UPDATE SET status = excluded.status, room_id = excluded.room_id,
                    call_count = excluded.call_count, misses = excluded.misses, lane = excluded.lane, updated_at = excluded.updated_at
                WHERE queue_tickets.updated_at <= excluded.updated_at
                """);
            ticket.Parameters.Add(new NpgsqlParameter { Value = t.QueueId });
            ticket.Parameters.Add(new NpgsqlParameter { Value = t.ServiceDay });
            ticket.Parameters.Add(new NpgsqlParameter { Value = t.Number });
            ticket.Parameters.Add(new NpgsqlParameter { Value = t.ExamId });
            ticket.Parameters.Add(new NpgsqlParameter { Value = t.Lane.ToString() });
            ticket.Parameters.Add(new NpgsqlParameter { Value = t.Status.ToString() });
            ticket.Parameters.Add(new NpgsqlParameter { Value = (object?)t.RoomId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            ticket.Parameters.Add(new NpgsqlParameter { Value = t.IssuedAt.UtcDateTime });
            ticket.Parameters.Add(new NpgsqlParameter { Value = t.CallCount });
            ticket.Parameters.Add(new NpgsqlParameter { Value = t.Misses });
            ticket.Parameters.Add(new NpgsqlParameter { Value = at.UtcDateTime });
            batch.BatchCommands.Add(ticket);
        }
        await batch.ExecuteNonQueryAsync();
    }
}
