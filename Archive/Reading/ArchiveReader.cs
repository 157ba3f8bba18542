using CloudFilm.Archive.Blobs;
using CloudFilm.Dicom.IO;
using Npgsql;

namespace CloudFilm.Archive.Reading;

/// <summary><see cref="IArchiveReader"/> over the PostgreSQL index and the filesystem blob store.</summary>
public sealed class ArchiveReader(NpgsqlDataSource dataSource, BlobStore blobs) : IArchiveReader
{
    private const string StudyColumns = """
        study_instance_uid, patient_id, issuer_of_patient_id, patient_name, accession_number, study_date,
        study_description, modalities, series_count, instance_count, first_arrival, last_arrival, match_status
        """;

    private const string InstanceColumns = """
        i.sop_instance_uid, i.series_instance_uid, i.sop_class_uid, i.instance_number, i.number_of_frames, i.rows, i.columns,
        i.transfer_syntax_uid, i.stored_bytes, i.blob_key
        """;

    public async Task<ArchivedStudy?> GetStudyAsync(string studyInstanceUid, CancellationToken cancellationToken)
    {
        var studies = await QueryStudiesAsync($"SELECT {StudyColumns} FROM dicom_studies WHERE study_instance_uid = @v", studyInstanceUid, cancellationToken);
        return studies.Count == 0 ? null : studies[0];
    }

    public Task<IReadOnlyList<ArchivedStudy>> FindByAccessionAsync(string accessionNumber, CancellationToken cancellationToken) =>
        QueryStudiesAsync($"SELECT {StudyColumns} FROM dicom_studies WHERE coalesce(linked_study_key, accession_number) = @v ORDER BY first_arrival", accessionNumber, cancellationToken);

    public async Task<IReadOnlyList<ArchivedInstance>> ListInstancesAsync(string studyInstanceUid, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {InstanceColumns} FROM dicom_instances i JOIN dicom_series s USING (series_instance_uid)
            WHERE i.study_instance_uid = @v
            ORDER BY s.series_number NULLS LAST, s.series_instance_uid, i.instance_number NULLS LAST, i.sop_instance_uid
            """);
        command.Parameters.AddWithValue("v", studyInstanceUid);
        var instances = new List<ArchivedInstance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            instances.Add(new ArchivedInstance(reader.GetString(0), reader.GetString(1), reader.GetString(2), NullableInt(reader, 3),
                reader.GetInt32(4), NullableInt(reader, 5), NullableInt(reader, 6), reader.GetString(7), reader.GetInt64(8), reader.GetString(9)));
        }
        return instances;
    }

    public async Task<IReadOnlyList<ArchivedSeries>> ListSeriesAsync(string studyInstanceUid, CancellationToken cancellationToken)
    {
        var instances = (await ListInstancesAsync(studyInstanceUid, cancellationToken)).ToLookup(i => i.SeriesInstanceUid);
        await using var command = dataSource.CreateCommand("""
            SELECT series_instance_uid, modality, series_number, series_description, body_part FROM dicom_series
            WHERE study_instance_uid = @v ORDER BY series_number NULLS LAST, series_instance_uid
            """);
        command.Parameters.AddWithValue("v", studyInstanceUid);
        var series = new List<ArchivedSeries>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var uid = reader.GetString(0);
            series.Add(new ArchivedSeries(uid, reader.GetString(1), NullableInt(reader, 2), reader.GetString(3), reader.GetString(4), [.. instances[uid]]));
        }
        return series;
    }

    public async Task<DicomFile?> OpenInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken)
    {
        var key = await BlobKeyAsync(sopInstanceUid, cancellationToken);
        if (key is null || !blobs.Exists(key))
        {
            return null;
        }
        // The stored file names its own transfer syntax; it is the truth even while a compression is being committed.
        return DicomFile.Open(blobs.PathOf(key));
    }

    public async IAsyncEnumerable<DicomFile> ReadStudyAsync(string studyInstanceUid, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var instance in await ListInstancesAsync(studyInstanceUid, cancellationToken))
        {
            if (blobs.Exists(instance.BlobKey))
            {
                yield return DicomFile.Open(blobs.PathOf(instance.BlobKey));
            }
        }
    }

    /// <summary>The blob key of an instance, or null.</summary>
    public async Task<string?> BlobKeyAsync(string sopInstanceUid, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT blob_key FROM dicom_instances WHERE sop_instance_uid = @v");
        command.Parameters.AddWithValue("v", sopInstanceUid);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private async Task<IReadOnlyList<ArchivedStudy>> QueryStudiesAsync(string sql, string value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("v", value);
        var studies = new List<ArchivedStudy>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            studies.Add(ReadStudy(reader));
        }
        return studies;
    }

    internal static ArchivedStudy ReadStudy(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5), reader.GetString(6), reader.GetFieldValue<string[]>(7),
        reader.GetInt32(8), reader.GetInt32(9), reader.GetFieldValue<DateTimeOffset>(10), reader.GetFieldValue<DateTimeOffset>(11), reader.GetString(12));

    private static int? NullableInt(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
}
