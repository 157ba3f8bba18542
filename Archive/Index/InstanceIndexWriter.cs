using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace CloudFilm.Archive.Index;

/// <summary>
/// Writes index rows (study, series, instance, compression queue) for stored instances. Callers wait for their
/// own row; rows that arrive together (parallel associations, several nodes) share one round trip and one
/// transaction, so the commit cost is paid once per batch. A batch that fails is retried row by row, so one bad instance fails
/// alone. Duplicate SOP Instance UIDs never make a second row: they are kept or replaced per policy.
/// </summary>
public sealed class InstanceIndexWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly DuplicatePolicy _duplicates;
    private readonly int _batchSize;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private NpgsqlConnection? _connection;

    public InstanceIndexWriter(NpgsqlDataSource dataSource, DuplicatePolicy duplicates, int batchSize, ILogger<InstanceIndexWriter> logger)
    {
        _dataSource = dataSource;
        _duplicates = duplicates;
        _batchSize = batchSize;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Indexes the instance; completes once its transaction committed. True when a new row was made.</summary>
    public async Task<bool> WriteAsync(InstanceRecord record, bool enqueueCompression, CancellationToken cancellationToken)
    {
        var pending = new Pending(record, enqueueCompression, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        return await pending.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await DropConnectionAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_batchSize);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _batchSize && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            if (batch.Count == 0)
            {
                continue;
            }

            // One lock order for every writer (by study), so two nodes never deadlock on each other's studies.
            batch.Sort((a, b) => string.CompareOrdinal(a.Record.StudyInstanceUid, b.Record.StudyInstanceUid));
            try
            {
                var inserted = await WriteBatchAsync(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(inserted[i]);
                }
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                if (batch.Count == 1)
                {
                    batch[0].Done.TrySetException(e);
                    continue;
                }
                _logger.LogWarning("Index batch of {Count} failed ({Error}); writing its rows one by one", batch.Count, e.Message);
                foreach (var one in batch)
                {
                    try
                    {
                        one.Done.TrySetResult((await WriteBatchAsync([one]).ConfigureAwait(false))[0]);
                    }
                    catch (Exception single) when (single is NpgsqlException or InvalidOperationException or TimeoutException)
                    {
                        one.Done.TrySetException(single);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The whole batch goes out as one <see cref="NpgsqlBatch"/>: one round trip and one commit. Without an explicit
    /// transaction PostgreSQL runs it as one implicit transaction (a single Sync), so it commits or fails whole.
    /// </summary>
    private async Task<bool[]> WriteBatchAsync(IReadOnlyList<Pending> batch)
    {
        try
        {
            return await WriteBatchOnAsync(await ConnectionAsync().ConfigureAwait(false), batch).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // A broken connection is not reused; a statement error leaves it usable, but a fresh one costs little.
            await DropConnectionAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The loop is the only writer, so it keeps one connection rather than taking one from the pool per batch
    /// (which resets the session each time); its statements stay prepared.
    /// </summary>
    private async Task<NpgsqlConnection> ConnectionAsync()
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }
        await DropConnectionAsync().ConfigureAwait(false);
        _connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        return _connection;
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }

    private async Task<bool[]> WriteBatchOnAsync(NpgsqlConnection connection, IReadOnlyList<Pending> batch)
    {
        await using var command = new NpgsqlBatch(connection);
        foreach (var pending in batch)
        {
            IndexCommands.Append(command, pending.Record, _duplicates, pending.EnqueueCompression);
        }
        var inserted = new bool[batch.Count];
        var next = 0;
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        // Each instance's counting statement returns one row, "inserted", in batch order; the others return none.
        do
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                if (reader.FieldCount == 1 && reader.GetName(0) == "inserted")
                {
                    inserted[next++] = reader.GetBoolean(0);
                }
            }
        }
        while (await reader.NextResultAsync().ConfigureAwait(false));
        if (next != batch.Count)
        {
            throw new InvalidOperationException($"the index batch reported {next} of {batch.Count} instances");
        }
        return inserted;
    }

    private sealed record Pending(InstanceRecord Record, bool EnqueueCompression, TaskCompletionSource<bool> Done);
}

/// <summary>The SQL of one instance's index write, as one multi-statement command.</summary>
internal static class IndexCommands
{
    private const string UpsertStudy = """
        INSERT INTO dicom_studies (study_instance_uid, patient_id, issuer_of_patient_id, patient_name, patient_name_search, patient_name_ideographic,
            patient_birth_date, patient_sex, accession_number, study_date, study_time, study_id, study_description,
            referring_physician, modalities, series_count, instance_count, first_arrival, last_arrival, revision)
        VALUES (@study, @patient_id, @issuer, @name, @name_search, @name_ideographic, @birth_date, @sex, @accession, @study_date, @study_time,
            @study_id, @study_description, @referring, ARRAY[]::text[], 0, 0, @at, @at, 0)
        ON CONFLICT (study_instance_uid) DO UPDATE SET
            patient_id = EXCLUDED.patient_id, issuer_of_patient_id = EXCLUDED.issuer_of_patient_id,
            patient_name = EXCLUDED.patient_name, patient_name_search = EXCLUDED.patient_name_search,
            patient_name_ideographic = EXCLUDED.patient_name_ideographic,
            patient_birth_date = EXCLUDED.patient_birth_date, patient_sex = EXCLUDED.patient_sex,
            accession_number = EXCLUDED.accession_number, study_date = EXCLUDED.study_date, study_time = EXCLUDED.study_time,
            study_id = EXCLUDED.study_id, study_description = EXCLUDED.study_description,
            referring_physician = EXCLUDED.referring_physician
        WHERE (dicom_studies.patient_id, dicom_studies.issuer_of_patient_id, dicom_studies.patient_name,
               dicom_studies.patient_birth_date, dicom_studies.patient_sex, dicom_studies.accession_number,
               dicom_studies.study_date, dicom_studies.study_time, dicom_studies.study_id, dicom_studies.study_description,
               dicom_studies.referring_physician)
            IS DISTINCT FROM (EXCLUDED.patient_id, EXCLUDED.issuer_of_patient_id, EXCLUDED.patient_name,
               EXCLUDED.patient_birth_date, EXCLUDED.patient_sex, EXCLUDED.accession_number,
               EXCLUDED.study_date, EXCLUDED.study_time, EXCLUDED.study_id, EXCLUDED.study_description,
               EXCLUDED.referring_physician)
        """;

    private const string UpsertSeries = """
        INSERT INTO dicom_series (series_instance_uid, study_instance_uid, modality, series_number, series_description,
            body_part, instance_count, first_arrival, last_arrival)
        VALUES (@series, @study, @modality, @series_number, @series_description, @body_part, 0, @at, @at)
        ON CONFLICT (series_instance_uid) DO UPDATE SET
            modality = EXCLUDED.modality, series_number = EXCLUDED.series_number,
            series_description = EXCLUDED.series_description, body_part = EXCLUDED.body_part
        WHERE (dicom_series.modality, dicom_series.series_number, dicom_series.series_description, dicom_series.body_part)
            IS DISTINCT FROM (EXCLUDED.modality, EXCLUDED.series_number, EXCLUDED.series_description, EXCLUDED.body_part)
        """;

    private const string InsertInstanceColumns = """
        INSERT INTO dicom_instances (sop_instance_uid, series_instance_uid, study_instance_uid, sop_class_uid, instance_number,
            number_of_frames, rows, columns, transfer_syntax_uid, received_syntax_uid, blob_key, stored_bytes, received_bytes,
            source_ae_title, received_at)
        VALUES (@sop, @series, @study, @sop_class, @instance_number, @frames, @rows, @columns, @syntax, @received_syntax,
            @blob_key, @stored_bytes, @received_bytes, @source, @at)
        """;

    private const string OnConflictKeep = " ON CONFLICT (sop_instance_uid) DO NOTHING";

    private const string OnConflictReplace = """
         ON CONFLICT (sop_instance_uid) DO UPDATE SET
            series_instance_uid = EXCLUDED.series_instance_uid, study_instance_uid = EXCLUDED.study_instance_uid,
            sop_class_uid = EXCLUDED.sop_class_uid, instance_number = EXCLUDED.instance_number,
            number_of_frames = EXCLUDED.number_of_frames, rows = EXCLUDED.rows, columns = EXCLUDED.columns,
            transfer_syntax_uid = EXCLUDED.transfer_syntax_uid, received_syntax_uid = EXCLUDED.received_syntax_uid,
            blob_key = EXCLUDED.blob_key, stored_bytes = EXCLUDED.stored_bytes, received_bytes = EXCLUDED.received_bytes,
            source_ae_title = EXCLUDED.source_ae_title, received_at = EXCLUDED.received_at
        """;

    // The upserts above change a row only when an attribute changed (they still lock it), so this is the one write
    // of the study row per instance. Counts grow only when a row was inserted (xmax = 0); the study row is locked by
    // then, so writers of one study are serialised and the series count sees every committed series.
    private const string Counts = """
        ,
        counted_series AS (
            UPDATE dicom_series SET instance_count = instance_count + (SELECT count(*) FROM written WHERE inserted),
                last_arrival = GREATEST(last_arrival, @at)
            WHERE series_instance_uid = @series
            RETURNING 1
        )
        UPDATE dicom_studies SET
            instance_count = instance_count + (SELECT count(*) FROM written WHERE inserted),
            last_arrival = GREATEST(last_arrival, @at),
            series_count = (SELECT count(*) FROM dicom_series WHERE study_instance_uid = @study),
            modalities = (SELECT coalesce(array_agg(DISTINCT modality ORDER BY modality) FILTER (WHERE modality <> ''), ARRAY[]::text[])
                          FROM dicom_series WHERE study_instance_uid = @study),
            revision = revision + 1
        WHERE study_instance_uid = @study
        RETURNING (SELECT coalesce(bool_or(inserted), false) FROM written) AS inserted
        """;

    private const string EnqueueCompression = """
        INSERT INTO dicom_compression_queue (sop_instance_uid, enqueued_at, not_before)
        VALUES (@sop, @at, @at) ON CONFLICT (sop_instance_uid) DO NOTHING
        """;

    /// <summary>Appends one instance's statements to <paramref name="batch"/>.</summary>
    public static void Append(NpgsqlBatch batch, InstanceRecord r, DuplicatePolicy duplicates, bool enqueueCompression)
    {
        batch.BatchCommands.Add(With(new NpgsqlBatchCommand(UpsertStudy), r));
        batch.BatchCommands.Add(With(new NpgsqlBatchCommand(UpsertSeries), r));
        var instance = "WITH written AS (" + InsertInstanceColumns + (duplicates == DuplicatePolicy.Replace ? OnConflictReplace : OnConflictKeep)
            + " RETURNING (xmax = 0) AS inserted)" + Counts;
        batch.BatchCommands.Add(With(new NpgsqlBatchCommand(instance), r));
        if (enqueueCompression)
        {
            batch.BatchCommands.Add(With(new NpgsqlBatchCommand(EnqueueCompression), r));
        }
    }

    private static NpgsqlBatchCommand With(NpgsqlBatchCommand c, InstanceRecord r)
    {
        var p = c.Parameters;
        p.AddWithValue("study", r.StudyInstanceUid);
        p.AddWithValue("series", r.SeriesInstanceUid);
        p.AddWithValue("sop", r.SopInstanceUid);
        p.AddWithValue("at", r.ReceivedAt);
        if (c.CommandText.Contains("@patient_id", StringComparison.Ordinal))
        {
            p.AddWithValue("patient_id", r.PatientId);
            p.AddWithValue("issuer", r.IssuerOfPatientId);
            p.AddWithValue("name", r.PatientName);
            p.AddWithValue("name_search", InstanceAttributes.SearchableName(r.PatientName));
            p.AddWithValue("name_ideographic", InstanceAttributes.IdeographicGroup(r.PatientName));
            p.Add(new NpgsqlParameter("birth_date", NpgsqlDbType.Date) { Value = (object?)r.PatientBirthDate ?? DBNull.Value });
            p.AddWithValue("sex", r.PatientSex);
            p.AddWithValue("accession", r.AccessionNumber);
            p.Add(new NpgsqlParameter("study_date", NpgsqlDbType.Date) { Value = (object?)r.StudyDate ?? DBNull.Value });
            p.AddWithValue("study_time", r.StudyTime);
            p.AddWithValue("study_id", r.StudyId);
            p.AddWithValue("study_description", r.StudyDescription);
            p.AddWithValue("referring", r.ReferringPhysician);
        }
        if (c.CommandText.Contains("@modality", StringComparison.Ordinal))
        {
            p.AddWithValue("modality", r.Modality);
            p.Add(new NpgsqlParameter("series_number", NpgsqlDbType.Integer) { Value = (object?)r.SeriesNumber ?? DBNull.Value });
            p.AddWithValue("series_description", r.SeriesDescription);
            p.AddWithValue("body_part", r.BodyPart);
        }
        if (c.CommandText.Contains("@sop_class", StringComparison.Ordinal))
        {
            p.AddWithValue("sop_class", r.SopClassUid);
            p.Add(new NpgsqlParameter("instance_number", NpgsqlDbType.Integer) { Value = (object?)r.InstanceNumber ?? DBNull.Value });
            p.AddWithValue("frames", r.NumberOfFrames);
            p.Add(new NpgsqlParameter("rows", NpgsqlDbType.Integer) { Value = (object?)r.Rows ?? DBNull.Value });
            p.Add(new NpgsqlParameter("columns", NpgsqlDbType.Integer) { Value = (object?)r.Columns ?? DBNull.Value });
            p.AddWithValue("syntax", r.TransferSyntaxUid);
            p.AddWithValue("received_syntax", r.ReceivedSyntaxUid);
            p.AddWithValue("blob_key", r.BlobKey);
            p.AddWithValue("stored_bytes", r.StoredBytes);
            p.AddWithValue("received_bytes", r.ReceivedBytes);
            p.AddWithValue("source", r.SourceAeTitle);
        }
        return c;
    }
}
