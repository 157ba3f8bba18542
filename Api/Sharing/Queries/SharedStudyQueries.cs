using Npgsql;

namespace CloudFilm.Api.Sharing.Queries;

public sealed class SharedStudyQueries(NpgsqlDataSource database) : ISharedStudyQueries
{
    private const string Columns = "study_key, modality, exam_item, campus, registered_at, report_status";

    public Task<IReadOnlyList<SharedStudyRow>> ListByPatientAsync(string patientKey, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {Columns} FROM studies WHERE patient_key = @patient ORDER BY registered_at DESC LIMIT 200", "patient", patientKey, cancellationToken);

    public Task<IReadOnlyList<SharedStudyRow>> ListByStudyAsync(string studyKey, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {Columns} FROM studies WHERE study_key = @study", "study", studyKey, cancellationToken);

    private async Task<IReadOnlyList<SharedStudyRow>> ReadAsync(string sql, string parameter, string value, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue(parameter, value);
        var items = new List<SharedStudyRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new SharedStudyRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        return items;
    }
}
