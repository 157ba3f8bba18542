using CloudFilm.Archive.Blobs;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudFilm.Archive.Reconciliation;

/// <summary>What staff asked: move every image of one DICOM study into another.</summary>
/// <param name="CorrectPatient">
/// The source belongs to another patient (patient id + issuer) and that is the error being corrected: its identity
/// is replaced by the target's (reason CORRECT). Without it, a merge across patients is refused.
/// </param>
/// <param name="Actor">Who merged, for the log and the <c>dicom_merges</c> row.</param>
public sealed record StudyMergeRequest(string SourceStudyInstanceUid, string TargetStudyInstanceUid, bool CorrectPatient, string Actor);

public enum StudyMergeOutcome
{
    Merged,
    SameStudy,
    SourceNotFound,
    TargetNotFound,

    /// <summary>The source is not waiting in reconciliation (matched or linked): its images belong to its order.</summary>
    SourceNotInReconciliation,

    /// <summary>The target belongs to another patient (patient id + issuer) and the request did not say to correct it.</summary>
    DifferentPatient,

    /// <summary>A stored copy of the source is missing or unreadable (<see cref="StudyMergeResult.FailedSopInstanceUid"/>); nothing changed.</summary>
    StoredCopyUnreadable,
}

/// <param name="Reason">Reason for the Attribute Modification written into the files: COERCE or CORRECT.</param>
public sealed record StudyMergeResult(
    StudyMergeOutcome Outcome, int SeriesMoved = 0, int InstancesMoved = 0, string Reason = "", long MergeId = 0, string? FailedSopInstanceUid = null);

/// <summary>
/// Merges one DICOM study into another as a PACS does: each moved instance's stored file is rewritten so its
/// header agrees with the target (Study Instance UID and the target's patient and study attributes), the replaced
/// values kept in the Original Attributes Sequence (PS3.3 C.12.1.1.9); SOP Instance and Series Instance UIDs and
/// pixel data stay as they are (encapsulated pixel data is copied, never decoded). Files are written to the
/// target's keys first, the index moves in one transaction, and the old files are deleted only after it
/// committed: a crash leaves the old study or the merged one, never a row pointing at a missing file.
/// <para>
/// Concurrency: the transaction locks both study rows (in UID order), then the compression queue rows of the
/// source's instances, then the instance rows — the order the compression worker (queue, then instance) and the
/// index writer (study first) take them in. Waiting on the queue rows lets a compression already under way finish
/// first (the merge then reads its compressed file); while the merge holds them, compression skips them (SKIP
/// LOCKED), and afterwards compresses the file at the instance's new key.
/// </para>
/// </summary>
public sealed class StudyMerge(NpgsqlDataSource dataSource, BlobStore blobs, TimeProvider clock, ILogger<StudyMerge> logger)
{
    /// <summary>Modifying System (0400,0563) written into the Original Attributes Sequence item.</summary>
    public string ModifyingSystem { get; init; } = "CLOUDFILM";

    /// <summary>
    /// The study-level attributes (Patient and General Study modules, PS3.3 C.7.1.1 and C.7.2.1) a moved instance
    /// takes from the target, besides the Study Instance UID. Type 2 attributes stay present (empty) when the target
    /// has no value; type 3 ones are then removed.
    /// </summary>
    private static readonly (DicomTag Tag, bool Type2)[] StudyAttributes =
    [
        (DicomTags.PatientName, true),
        (DicomTags.PatientID, true),
        (DicomTags.IssuerOfPatientID, false),
        (DicomTags.PatientBirthDate, true),
        (DicomTags.PatientSex, true),
        (DicomTags.AccessionNumber, true),
        (DicomTags.StudyDate, true),
        (DicomTags.StudyTime, true),
        (DicomTags.StudyID, true),
        (DicomTags.StudyDescription, false),
        (DicomTags.ReferringPhysicianName, true),
    ];

    private sealed record MovedInstance(string SopInstanceUid, string SeriesInstanceUid, string OldKey, string SourceAeTitle)
    {
        public string NewKey { get; set; } = "";

        public long NewSize { get; set; }
    }

    /// <summary>The values a moved instance takes: from a stored target file (with its character set), else from the index row.</summary>
    private sealed record TargetAttributes(DicomCharacterSet? CharacterSet, Dictionary<DicomTag, string?> Values);

    public async Task<StudyMergeResult> MergeAsync(StudyMergeRequest request, CancellationToken cancellationToken)
    {
        var (source, target) = (request.SourceStudyInstanceUid, request.TargetStudyInstanceUid);
        if (source == target)
        {
            return new StudyMergeResult(StudyMergeOutcome.SameStudy);
        }
        if (!BlobStore.IsSafeUid(source))
        {
            return new StudyMergeResult(StudyMergeOutcome.SourceNotFound);
        }
        if (!BlobStore.IsSafeUid(target))
        {
            return new StudyMergeResult(StudyMergeOutcome.TargetNotFound);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Both study rows, locked in UID order so two merges in opposite directions cannot deadlock.
        var rows = new Dictionary<string, (string MatchStatus, bool Linked, string PatientId, string Issuer)>();
        await using (var lockStudies = new NpgsqlCommand("""
            SELECT study_instance_uid, match_status, linked_study_key IS NOT NULL, patient_id, issuer_of_patient_id
            FROM dicom_studies WHERE study_instance_uid = ANY(@uids) ORDER BY study_instance_uid FOR UPDATE
            """, connection, transaction))
        {
            lockStudies.Parameters.AddWithValue("uids", new[] { source, target });
            await using var reader = await lockStudies.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows[reader.GetString(0)] = (reader.GetString(1), reader.GetBoolean(2), reader.GetString(3), reader.GetString(4));
            }
        }
        if (!rows.TryGetValue(source, out var sourceRow))
        {
            return new StudyMergeResult(StudyMergeOutcome.SourceNotFound);
        }
        if (!rows.TryGetValue(target, out var targetRow))
        {
            return new StudyMergeResult(StudyMergeOutcome.TargetNotFound);
        }
        if (sourceRow.Linked || sourceRow.MatchStatus is not ("unmatched" or "patient-mismatch"))
        {
            return new StudyMergeResult(StudyMergeOutcome.SourceNotInReconciliation);
        }
        // Identity is patient id + issuer, never the name.
        var samePatient = sourceRow.PatientId == targetRow.PatientId && sourceRow.Issuer == targetRow.Issuer;
        if (!samePatient && !request.CorrectPatient)
        {
            return new StudyMergeResult(StudyMergeOutcome.DifferentPatient);
        }
        // PS3.3 C.12.1.1.9.2: COERCE when values are made to agree with the archive's (reconciliation against the
        // study the images belong to), CORRECT when wrong values (another patient's identity) are being corrected.
        var reason = samePatient ? "COERCE" : "CORRECT";

        // A compression under way holds its queue row until it has replaced the file and updated the instance:
        // wait for it, and keep new ones away until this transaction ends.
        await using (var lockQueue = new NpgsqlCommand("""
            SELECT q.sop_instance_uid FROM dicom_compression_queue q
            WHERE q.sop_instance_uid IN (SELECT sop_instance_uid FROM dicom_instances WHERE study_instance_uid = @source)
            ORDER BY q.sop_instance_uid FOR UPDATE
            """, connection, transaction))
        {
            lockQueue.Parameters.AddWithValue("source", source);
            await lockQueue.ExecuteNonQueryAsync(cancellationToken);
        }

        var moved = new List<MovedInstance>();
        await using (var lockInstances = new NpgsqlCommand("""
            SELECT sop_instance_uid, series_instance_uid, blob_key, source_ae_title FROM dicom_instances
            WHERE study_instance_uid = @source ORDER BY sop_instance_uid FOR UPDATE
            """, connection, transaction))
        {
            lockInstances.Parameters.AddWithValue("source", source);
            await using var reader = await lockInstances.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                moved.Add(new MovedInstance(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        var attributes = await ReadTargetAttributesAsync(connection, transaction, target, cancellationToken);
        var now = clock.GetUtcNow();
        var written = new List<string>();
        var committed = false;
        try
        {
            foreach (var instance in moved)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!BlobStore.IsSafeUid(instance.SopInstanceUid))
                {
                    throw new InvalidOperationException($"instance {instance.SopInstanceUid} has a UID that cannot name a blob");
                }
                instance.NewKey = BlobStore.KeyOf(target, instance.SopInstanceUid);
                try
                {
                    instance.NewSize = Rewrite(instance, target, attributes, reason, now);
                }
                catch (Exception e) when (e is IOException or DicomException)
                {
                    // The finally below removes what was written; the transaction rolls back with nothing moved.
                    logger.LogError("Merge of DICOM study {SourceStudyInstanceUid} into {TargetStudyInstanceUid} stopped: stored copy of {SopInstanceUid} unreadable ({Error})",
                        source, target, instance.SopInstanceUid, e.Message);
                    return new StudyMergeResult(StudyMergeOutcome.StoredCopyUnreadable, FailedSopInstanceUid: instance.SopInstanceUid);
                }
                written.Add(instance.NewKey);
            }

            var seriesMoved = await MoveRowsAsync(connection, transaction, source, target, moved, cancellationToken);
            long mergeId;
            await using (var audit = new NpgsqlCommand("""
                INSERT INTO dicom_merges (source_study_instance_uid, target_study_instance_uid, reason, series_moved, instances_moved, merged_by, merged_at)
                VALUES (@source, @target, @reason, @series, @instances, @actor, @at) RETURNING id
                """, connection, transaction))
            {
                audit.Parameters.AddWithValue("source", source);
                audit.Parameters.AddWithValue("target", target);
                audit.Parameters.AddWithValue("reason", reason);
                audit.Parameters.AddWithValue("series", seriesMoved);
                audit.Parameters.AddWithValue("instances", moved.Count);
                audit.Parameters.AddWithValue("actor", request.Actor);
                audit.Parameters.AddWithValue("at", now);
                mergeId = (long)(await audit.ExecuteScalarAsync(cancellationToken))!;
            }

            try
            {
                await transaction.CommitAsync(CancellationToken.None);
                committed = true;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The commit may have happened even though its answer was lost: ask before deleting anything.
                var gone = await SourceIsGoneAsync(source);
                if (gone is null)
                {
                    // Unknown: keep old and new files alike (an orphan at worst, never a row pointing at nothing).
                    committed = true;
                    logger.LogError("Merge of DICOM study {SourceStudyInstanceUid} into {TargetStudyInstanceUid}: outcome unknown, every file kept", source, target);
                    throw;
                }
                committed = gone.Value;
                if (!committed)
                {
                    throw;
                }
            }

            // Only now are the old files unreferenced (the rows point at the new keys).
            foreach (var instance in moved)
            {
                TryDelete(instance.OldKey);
            }
            logger.LogInformation(
                "DICOM study {SourceStudyInstanceUid} merged into {TargetStudyInstanceUid} by {Actor}: {Series} series, {Instances} instances ({Reason}), merge {MergeId}",
                source, target, request.Actor, seriesMoved, moved.Count, reason, mergeId);
            return new StudyMergeResult(StudyMergeOutcome.Merged, seriesMoved, moved.Count, reason, mergeId);
        }
        finally
        {
            if (!committed)
            {
                // Nothing points at the new files: remove them, the old study stays as it was.
                foreach (var key in written)
                {
                    TryDelete(key);
                }
            }
        }
    }

    private static async Task<int> MoveRowsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string source, string target, List<MovedInstance> moved, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var series = new NpgsqlBatchCommand("UPDATE dicom_series SET study_instance_uid = @target WHERE study_instance_uid = @source");
        series.Parameters.AddWithValue("source", source);
        series.Parameters.AddWithValue("target", target);
        batch.BatchCommands.Add(series);

        var instances = new NpgsqlBatchCommand("""
            UPDATE dicom_instances i SET study_instance_uid = @target, blob_key = m.blob_key, stored_bytes = m.stored_bytes
            FROM unnest(@sops, @keys, @sizes) AS m(sop_instance_uid, blob_key, stored_bytes)
            WHERE i.sop_instance_uid = m.sop_instance_uid
            """);
        instances.Parameters.AddWithValue("target", target);
        instances.Parameters.AddWithValue("sops", moved.Select(m => m.SopInstanceUid).ToArray());
        instances.Parameters.AddWithValue("keys", moved.Select(m => m.NewKey).ToArray());
        instances.Parameters.AddWithValue("sizes", moved.Select(m => m.NewSize).ToArray());
        batch.BatchCommands.Add(instances);

        var measurements = new NpgsqlBatchCommand("UPDATE dicom_measurements SET study_instance_uid = @target WHERE study_instance_uid = @source");
        measurements.Parameters.AddWithValue("source", source);
        measurements.Parameters.AddWithValue("target", target);
        batch.BatchCommands.Add(measurements);

        // The target's counts from its rows; revision + 1 so the study arrival notifier tells the order's StudyGrain.
        var recount = new NpgsqlBatchCommand("""
            UPDATE dicom_studies t SET
                series_count = (SELECT count(*) FROM dicom_series WHERE study_instance_uid = @target),
                instance_count = (SELECT count(*) FROM dicom_instances WHERE study_instance_uid = @target),
                modalities = (SELECT coalesce(array_agg(DISTINCT modality ORDER BY modality) FILTER (WHERE modality <> ''), ARRAY[]::text[])
                              FROM dicom_series WHERE study_instance_uid = @target),
                first_arrival = LEAST(t.first_arrival, s.first_arrival),
                last_arrival = GREATEST(t.last_arrival, s.last_arrival),
                revision = t.revision + 1
            FROM dicom_studies s
            WHERE t.study_instance_uid = @target AND s.study_instance_uid = @source
            """);
        recount.Parameters.AddWithValue("source", source);
        recount.Parameters.AddWithValue("target", target);
        batch.BatchCommands.Add(recount);

        var delete = new NpgsqlBatchCommand("DELETE FROM dicom_studies WHERE study_instance_uid = @source");
        delete.Parameters.AddWithValue("source", source);
        batch.BatchCommands.Add(delete);

        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (instances.RecordsAffected != moved.Count)
        {
            throw new InvalidOperationException($"moved {instances.RecordsAffected} of {moved.Count} instance rows");
        }
        return series.RecordsAffected;
    }

    /// <summary>
    /// The target's study-level values as its latest stored file has them, decoded with its Specific Character
    /// Set (kept for the moved files, so names in any repertoire round-trip); the index row when no file is readable.
    /// </summary>
    private async Task<TargetAttributes> ReadTargetAttributesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string target, CancellationToken cancellationToken)
    {
        await using (var latest = new NpgsqlCommand(
            "SELECT blob_key FROM dicom_instances WHERE study_instance_uid = @target ORDER BY received_at DESC LIMIT 1", connection, transaction))
        {
            latest.Parameters.AddWithValue("target", target);
            if (await latest.ExecuteScalarAsync(cancellationToken) is string key && blobs.Exists(key))
            {
                try
                {
                    var dataset = Index.InstanceAttributes.OpenStored(blobs.PathOf(key)).Dataset;
                    return new TargetAttributes(dataset.CharacterSet,
                        StudyAttributes.ToDictionary(a => a.Tag, a => dataset.Contains(a.Tag) ? dataset.GetString(a.Tag) ?? "" : null));
                }
                catch (DicomException e)
                {
                    logger.LogWarning("Merge target {StudyInstanceUid}: stored file unreadable ({Error}); using the index", target, e.Message);
                }
            }
        }

        await using var row = new NpgsqlCommand("""
            SELECT patient_name, patient_id, issuer_of_patient_id, coalesce(to_char(patient_birth_date, 'YYYYMMDD'), ''), patient_sex, accession_number,
                   coalesce(to_char(study_date, 'YYYYMMDD'), ''), study_time, study_id, study_description, referring_physician
            FROM dicom_studies WHERE study_instance_uid = @target
            """, connection, transaction);
        row.Parameters.AddWithValue("target", target);
        await using var reader = await row.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var values = new Dictionary<DicomTag, string?>();
        for (var i = 0; i < StudyAttributes.Length; i++)
        {
            var text = reader.GetString(i);
            values[StudyAttributes[i].Tag] = text.Length == 0 && !StudyAttributes[i].Type2 ? null : text;
        }
        return new TargetAttributes(null, values);
    }

    /// <summary>Writes the moved instance's file at its new key (temp + fsync + rename); returns its size.</summary>
    private long Rewrite(MovedInstance instance, string target, TargetAttributes attributes, string reason, DateTimeOffset now)
    {
        // Large values (pixel data, fragments of compressed frames) stay in the old file and are copied from it as
        // they are when the new one is written.
        var file = DicomFile.Open(blobs.PathOf(instance.OldKey));
        var modifiedAt = now.UtcDateTime.ToString("yyyyMMddHHmmss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + "+0000";
        DicomDataset coerced;
        try
        {
            coerced = Coerce(file.Dataset, attributes.CharacterSet ?? file.Dataset.CharacterSet, target, attributes, instance.SourceAeTitle, reason, modifiedAt);
        }
        catch (DicomException)
        {
            // A character of the source's own text (a series description, say) that the target's set cannot hold:
            // UTF-8 holds both (PS3.3 C.12.1.1.2).
            coerced = Coerce(file.Dataset, DicomCharacterSet.Utf8, target, attributes, instance.SourceAeTitle, reason, modifiedAt);
        }
        file.Dataset.Clear();
        foreach (var item in coerced.ToList())
        {
            coerced.Remove(item.Tag);
            file.Dataset.Add(item);
        }

        string temporary;
        long size;
        using (var stream = blobs.CreateTemporary())
        {
            temporary = stream.Name;
            try
            {
                file.Write(stream);
                stream.Flush(flushToDisk: true);
                size = stream.Length;
            }
            catch
            {
                stream.Dispose();
                File.Delete(temporary);
                throw;
            }
        }
        try
        {
            blobs.Commit(temporary, instance.NewKey);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        return size;
    }

    /// <summary>
    /// A copy of <paramref name="original"/> in <paramref name="characterSet"/> with the target's study UID and
    /// attributes, and one more Original Attributes Sequence item holding every replaced value (PS3.3 C.12.1.1.9).
    /// </summary>
    private DicomDataset Coerce(
        DicomDataset original, DicomCharacterSet characterSet, string target, TargetAttributes attributes, string sourceAeTitle, string reason, string modifiedAt)
    {
        var dataset = original.Clone();
        if (dataset.CharacterSet.Value != characterSet.Value || original.CharacterSetOverride is not null)
        {
            dataset.ChangeCharacterSet(characterSet);
        }

        // PS3.3 C.12.1.1.9.2: the Modified Attributes Sequence holds one item with every attribute modified or
        // removed, at its previous value; an attribute that was absent is included empty.
        var previous = new DicomDataset();
        var changes = new List<(DicomTag Tag, string? Value, bool Type2)>
        {
            (DicomTags.StudyInstanceUID, target, true),
        };
        changes.AddRange(StudyAttributes.Select(a => (a.Tag, attributes.Values[a.Tag], a.Type2)));
        foreach (var (tag, value, type2) in changes)
        {
            var present = dataset.Find(tag);
            var current = present is null ? null : dataset.GetString(tag) ?? "";
            var wanted = value ?? (type2 ? "" : null);
            if (current == wanted)
            {
                continue;
            }
            if (present is null)
            {
                previous.SetEmpty(tag);
            }
            else
            {
                previous.AddOrUpdate(present);
            }
            if (wanted is null)
            {
                dataset.Remove(tag);
            }
            else if (wanted.Length == 0)
            {
                dataset.SetEmpty(tag);
            }
            else
            {
                dataset.Set(tag, wanted);
            }
        }
        if (previous.Count == 0)
        {
            return dataset;
        }

        // PS3.3 Table C.12-1, Original Attributes Sequence item: Source of Previous Values (type 2), Attribute
        // Modification DateTime, Modifying System, Reason for the Attribute Modification, Modified Attributes Sequence.
        var item = new DicomDataset();
        var existing = dataset.FindSequence(DicomTags.OriginalAttributesSequence);
        var sequence = existing ?? new DicomSequence(DicomTags.OriginalAttributesSequence);
        if (existing is null)
        {
            dataset.Add(sequence);
        }
        sequence.Items.Add(item);
        item.Add(new DicomSequence(DicomTags.ModifiedAttributesSequence, previous));
        item.Set(DicomTags.AttributeModificationDateTime, modifiedAt);
        item.Set(DicomTags.ModifyingSystem, ModifyingSystem);
        item.Set(DicomTags.SourceOfPreviousValues, sourceAeTitle);
        item.Set(DicomTags.ReasonForTheAttributeModification, reason);
        return dataset;
    }

    /// <summary>Whether the source study row is gone (the merge committed); null when the database cannot say.</summary>
    private async Task<bool?> SourceIsGoneAsync(string source)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM dicom_studies WHERE study_instance_uid = @source");
            command.Parameters.AddWithValue("source", source);
            return (long)(await command.ExecuteScalarAsync(CancellationToken.None))! == 0;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    private void TryDelete(string key)
    {
        try
        {
            blobs.Delete(key);
        }
        catch (IOException e)
        {
            logger.LogWarning("Blob {BlobKey} left behind after a study merge: {Error}", key, e.Message);
        }
    }
}
