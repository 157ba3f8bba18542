using CloudFilm.Archive.Index;
using Npgsql;

namespace CloudFilm.Archive.Reconciliation;

/// <summary>One instance the merge moves, as the index had it when its row was locked.</summary>
internal sealed record MergedInstance(string SopInstanceUid, string SeriesInstanceUid, string OldKey, string SourceAeTitle);

/// <summary>
/// What one merge moves and why, decided under row locks that keep it true until the transaction ends; or the
/// reason it is refused (<see cref="Refusal"/>).
/// <para>
/// Lock order: both study rows (in UID order), then the compression queue rows of the source's instances, then the
/// instance rows — the order the compression worker (queue, then instance) and the index writer (study first) take
/// them in. Waiting on the queue rows lets a compression already under way finish first (the merge then reads its
/// compressed file); while the merge holds them, compression skips them (SKIP LOCKED), and afterwards compresses
/// the file at the instance's new key.
/// </para>
/// </summary>
/// <param name="Reason">Reason for the Attribute Modification written into the files: COERCE or CORRECT.</param>
internal sealed record StudyMergePlan(
    string Source, string Target, string Reason, IReadOnlyList<MergedInstance> Instances, StudyMergeOutcome? Refusal = null)
{
    private static StudyMergePlan Refused(StudyMergeRequest request, StudyMergeOutcome refusal) =>
        new(request.SourceStudyInstanceUid, request.TargetStudyInstanceUid, "", [], refusal);

    /// <summary>Locks the rows the merge changes, in the order above, and decides whether it may go ahead.</summary>
    public static async Task<StudyMergePlan> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StudyMergeRequest request, CancellationToken cancellationToken)
    {
        var (source, target) = (request.SourceStudyInstanceUid, request.TargetStudyInstanceUid);

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
            return Refused(request, StudyMergeOutcome.SourceNotFound);
        }
        if (!rows.TryGetValue(target, out var targetRow))
        {
            return Refused(request, StudyMergeOutcome.TargetNotFound);
        }
        if (sourceRow.Linked || !DicomStudyMatchStatusNames.InReconciliation.Any(s => s.Stored() == sourceRow.MatchStatus))
        {
            return Refused(request, StudyMergeOutcome.SourceNotInReconciliation);
        }
        // Identity is patient id + issuer, never the name.
        var samePatient = sourceRow.PatientId == targetRow.PatientId && sourceRow.Issuer == targetRow.Issuer;
        if (!samePatient && !request.CorrectPatient)
        {
            return Refused(request, StudyMergeOutcome.DifferentPatient);
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

        var instances = new List<MergedInstance>();
        await using (var lockInstances = new NpgsqlCommand("""
            SELECT sop_instance_uid, series_instance_uid, blob_key, source_ae_title FROM dicom_instances
            WHERE study_instance_uid = @source ORDER BY sop_instance_uid FOR UPDATE
            """, connection, transaction))
        {
            lockInstances.Parameters.AddWithValue("source", source);
            await using var reader = await lockInstances.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                instances.Add(new MergedInstance(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }
        return new StudyMergePlan(source, target, reason, instances);
    }
}
