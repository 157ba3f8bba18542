using CloudFilm.Archive.Index;
using Npgsql;

namespace CloudFilm.Api.DicomAdministration.Queries;

public sealed class UnmatchedStudyQueries(NpgsqlDataSource database) : IUnmatchedStudyQueries
{
    private static readonly string[] InReconciliation = [.. DicomStudyMatchStatusNames.InReconciliation.Select(s => s.Stored())];

    public async Task<IReadOnlyList<UnmatchedStudy>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT study_instance_uid, match_status, accession_number, patient_id, issuer_of_patient_id, patient_name, study_date,
                   study_description, modalities, series_count, instance_count, last_arrival
            FROM dicom_studies WHERE match_status = ANY(@statuses) AND linked_study_key IS NULL
            ORDER BY last_arrival DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("statuses", InReconciliation);
        command.Parameters.AddWithValue("limit", limit);
        var list = new List<UnmatchedStudy>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new UnmatchedStudy(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6), reader.GetString(7),
                reader.GetFieldValue<string[]>(8), reader.GetInt32(9), reader.GetInt32(10), reader.GetFieldValue<DateTimeOffset>(11)));
        }
        return list;
    }
}
