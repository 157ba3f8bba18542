using Npgsql;
using NpgsqlTypes;

namespace CloudFilm.Api.DicomAdministration.Queries;

public sealed class AiPushDeliveryQueries(NpgsqlDataSource database) : IAiPushDeliveryQueries
{
    public async Task<IReadOnlyList<AiPushDelivery>> ListAsync(string? status, string? studyKey, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT study_key, endpoint, trigger, status, attempts, last_status_code, last_error, created_at, delivered_at, next_attempt
            FROM ai_push_deliveries WHERE (@status::text IS NULL OR status = @status) AND (@study::text IS NULL OR study_key = @study)
            ORDER BY created_at DESC LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = (object?)status ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("study", NpgsqlDbType.Text) { Value = (object?)studyKey ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", limit);
        var list = new List<AiPushDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new AiPushDelivery(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9)));
        }
        return list;
    }
}
