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
            INSERT INTO queues (queue_id, campus, name, definition, updated_at) VALUES (@queue, @campus, @name, @definition, @at)
            ON CONFLICT (queue_id) DO UPDATE SET campus = excluded.campus, name = excluded.name,
                definition = excluded.definition, updated_at = excluded.updated_at
            WHERE queues.updated_at <= excluded.updated_at
            """);
        queue.Parameters.AddWithValue("queue", definition.QueueId);
        queue.Parameters.AddWithValue("campus", definition.Campus);
        queue.Parameters.AddWithValue("name", definition.Name);
        queue.Parameters.AddWithValue("definition", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(definition, Json));
        queue.Parameters.AddWithValue("at", at.UtcDateTime);
        batch.BatchCommands.Add(queue);
        foreach (var t in changedTickets)
        {
            var ticket = new NpgsqlBatchCommand("""
                INSERT INTO queue_tickets (queue_id, service_day, number, exam_id, lane, status, room_id, issued_at, call_count, misses, updated_at)
                VALUES (@queue, @day, @number, @exam, @lane, @status, @room, @issued, @calls, @misses, @at)
                ON CONFLICT (queue_id, service_day, number) DO UPDATE SET status = excluded.status, room_id = excluded.room_id,
                    call_count = excluded.call_count, misses = excluded.misses, lane = excluded.lane, updated_at = excluded.updated_at
                WHERE queue_tickets.updated_at <= excluded.updated_at
                """);
            ticket.Parameters.AddWithValue("queue", t.QueueId);
            ticket.Parameters.AddWithValue("day", t.ServiceDay);
            ticket.Parameters.AddWithValue("number", t.Number);
            ticket.Parameters.AddWithValue("exam", t.ExamId);
            ticket.Parameters.AddWithValue("lane", t.Lane.ToString());
            ticket.Parameters.AddWithValue("status", t.Status.Stored());
            ticket.Parameters.AddWithValue("room", NpgsqlDbType.Text, (object?)t.RoomId ?? DBNull.Value);
            ticket.Parameters.AddWithValue("issued", t.IssuedAt.UtcDateTime);
            ticket.Parameters.AddWithValue("calls", t.CallCount);
            ticket.Parameters.AddWithValue("misses", t.Misses);
            ticket.Parameters.AddWithValue("at", at.UtcDateTime);
            batch.BatchCommands.Add(ticket);
        }
        await batch.ExecuteNonQueryAsync();
    }
}
