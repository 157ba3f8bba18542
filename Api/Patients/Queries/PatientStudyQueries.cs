using System.Text.Json;
using Npgsql;

namespace CloudFilm.Api.Patients.Queries;

public sealed class PatientStudyQueries(NpgsqlDataSource database) : IPatientStudyQueries
{
    public async Task<PatientStudiesResponse?> ListStudiesAsync(string patientKey, int limit, int offset, CancellationToken cancellationToken)
    {
        await using (var exists = database.CreateCommand("SELECT 1 FROM patients WHERE patient_key = @key"))
        {
            exists.Parameters.AddWithValue("key", patientKey);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }

        await using var command = database.CreateCommand("""
            SELECT study_key, accession_number, campus, department, modality, exam_item, body_part, priority, patient_type,
                   is_vip, status, registered_at, updated_at, count(*) OVER () AS total
            FROM studies WHERE patient_key = @key
            ORDER BY registered_at DESC, study_key
            LIMIT @limit OFFSET @offset
            """);
        command.Parameters.AddWithValue("key", patientKey);
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
        return new PatientStudiesResponse(patientKey, total, items);
    }

    private static string ToKebab(string enumName) => JsonNamingPolicy.KebabCaseLower.ConvertName(enumName);
}
