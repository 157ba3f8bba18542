using CloudFilm.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CloudFilm.Api.DicomAdministration;

/// <summary><c>/api/v1/dicom/ai-push</c>: the delivery log of exam pushes to AI hosts (made and retried by DicomNode).</summary>
public static class AiPushApi
{
    public static RouteGroupBuilder MapAiPushApi(this RouteGroupBuilder api)
    {
        api.MapGet("/dicom/ai-push", ListAsync).WithTags("DICOM").RequireStaff("admin", "supervisor")
            .WithName("ListAiPushDeliveries").WithSummary("Exam pushes to AI hosts, newest first, optionally by status or study key.");
        return api;
    }

    public sealed record Delivery(string StudyKey, string Endpoint, string Trigger, string Status, int Attempts, int? LastStatusCode,
        string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, DateTimeOffset NextAttempt);

    private static async Task<Ok<IReadOnlyList<Delivery>>> ListAsync(NpgsqlDataSource dataSource, string? status, string? studyKey, int? limit,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT study_key, endpoint, trigger, status, attempts, last_status_code, last_error, created_at, delivered_at, next_attempt
            FROM ai_push_deliveries WHERE (@status::text IS NULL OR status = @status) AND (@study::text IS NULL OR study_key = @study)
            ORDER BY created_at DESC LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)status ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("study", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)studyKey ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", Math.Clamp(limit ?? 100, 1, 1000));
        var list = new List<Delivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new Delivery(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9)));
        }
        return TypedResults.Ok<IReadOnlyList<Delivery>>(list);
    }
}
