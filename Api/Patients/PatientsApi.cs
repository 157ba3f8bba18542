using Microsoft.AspNetCore.Http.HttpResults;
using CloudFilm.Api.Security;
using Npgsql;

namespace CloudFilm.Api.Patients;

/// <summary><c>/api/v1/patients</c>: a patient's studies, read from the studies query table (never from grains).</summary>
public static class PatientsApi
{
    public static RouteGroupBuilder MapPatientsApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/patients").WithTags("Patients").RequireSystemKey()
            .MapGet("/{key}/studies", ListStudiesAsync)
            .WithName("ListPatientStudies")
            .WithSummary("A patient's studies, newest first. The key is \"{patient id}@{issuer}\".")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<Results<Ok<PatientStudiesResponse>, ProblemHttpResult>> ListStudiesAsync(
        string key, NpgsqlDataSource database, CancellationToken cancellationToken, int limit = 50, int offset = 0)
    {
        if (limit is < 1 or > 500)
        {
            throw Problems.RequestValidationException.For("limit", "Must be between 1 and 500.");
        }
        if (offset < 0)
        {
            throw Problems.RequestValidationException.For("offset", "Must not be negative.");
        }

        await using (var exists = database.CreateCommand("SELECT 1 FROM patients WHERE patient_key = @key"))
        {
            exists.Parameters.AddWithValue("key", key);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                return Problems.ProblemCatalogue.PatientNotFound.Answer(key);
            }
        }

        await using var command = database.CreateCommand("""
            SELECT study_key, accession_number, campus, department, modality, exam_item, body_part, priority, patient_type,
                   is_vip, status, registered_at, updated_at, count(*) OVER () AS total
            FROM studies WHERE patient_key = @key
            ORDER BY registered_at DESC, study_key
            LIMIT @limit OFFSET @offset
            """);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("offset", offset);
        var items = new List<PatientStudySummary>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new PatientStudySummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), ToKebab(reader.GetString(7)), ToKebab(reader.GetString(8)),
                reader.GetBoolean(9), reader.GetString(10).ToLowerInvariant(),
                new DateTimeOffset(reader.GetDateTime(11), TimeSpan.Zero), new DateTimeOffset(reader.GetDateTime(12), TimeSpan.Zero)));
            total = reader.GetInt64(13);
        }
        return TypedResults.Ok(new PatientStudiesResponse(key, total, items));
    }

    private static string ToKebab(string enumName) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(enumName);
}

public sealed record PatientStudiesResponse(string PatientKey, long Total, IReadOnlyList<PatientStudySummary> Studies);

public sealed record PatientStudySummary(
    string StudyKey, string AccessionNumber, string Campus, string Department, string Modality, string ExamItem, string BodyPart,
    string Priority, string PatientType, bool Vip, string Status, DateTimeOffset RegisteredAt, DateTimeOffset UpdatedAt);
