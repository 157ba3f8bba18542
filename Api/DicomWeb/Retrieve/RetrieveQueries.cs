using Npgsql;
using NpgsqlTypes;

namespace CloudFilm.Api.DicomWeb.Retrieve;

/// <summary><see cref="IRetrieveQueries"/> over the archive's index tables.</summary>
public sealed class RetrieveQueries(NpgsqlDataSource dataSource) : IRetrieveQueries
{
    public async Task<IReadOnlyList<StoredInstance>> FindAsync(string studyInstanceUid, string? seriesInstanceUid, string? sopInstanceUid,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT i.study_instance_uid, i.series_instance_uid, i.sop_instance_uid, i.sop_class_uid, i.number_of_frames,
                   coalesce(i.rows, 0) > 0 AND coalesce(i.columns, 0) > 0, i.transfer_syntax_uid, i.stored_bytes, i.blob_key,
                   i.received_at, s.modality
            FROM dicom_instances i JOIN dicom_series s ON s.series_instance_uid = i.series_instance_uid
            WHERE i.study_instance_uid = @study
              AND (@series IS NULL OR i.series_instance_uid = @series)
              AND (@sop IS NULL OR i.sop_instance_uid = @sop)
            ORDER BY s.series_number NULLS LAST, s.series_instance_uid, i.instance_number NULLS LAST, i.sop_instance_uid
            """);
        command.Parameters.AddWithValue("study", studyInstanceUid);
        command.Parameters.Add(new NpgsqlParameter("series", NpgsqlDbType.Text) { Value = (object?)seriesInstanceUid ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("sop", NpgsqlDbType.Text) { Value = (object?)sopInstanceUid ?? DBNull.Value });
        var instances = new List<StoredInstance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            instances.Add(new StoredInstance(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetBoolean(5), reader.GetString(6), reader.GetInt64(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9), reader.GetString(10)));
        }
        return instances;
    }
}
