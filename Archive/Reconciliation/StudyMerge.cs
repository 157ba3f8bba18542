using CloudFilm.Archive.Blobs;
using CloudFilm.Dicom;
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

/// <summary>
/// Merges one DICOM study into another as a PACS does: each moved instance's stored file is rewritten so its
/// header agrees with the target (Study Instance UID and the target's patient and study attributes), the replaced
/// values kept in the Original Attributes Sequence (PS3.3 C.12.1.1.9); SOP Instance and Series Instance UIDs and
/// pixel data stay as they are (encapsulated pixel data is copied, never decoded). Files are written to the
/// target's keys first, the index moves in one transaction, and the old files are deleted only after it
/// committed: a crash leaves the old study or the merged one, never a row pointing at a missing file.
/// <para>
/// The parts: <see cref="StudyMergePlan"/> locks the rows and decides (the lock order and why),
/// <see cref="MergedInstanceFiles"/> writes the new files, <see cref="StudyAttributeCoercion"/> says what their
/// headers become, <see cref="StudyMergeIndex"/> moves the rows. This class orders them and cleans up.
/// </para>
/// </summary>
public sealed class StudyMerge(NpgsqlDataSource dataSource, BlobStore blobs, TimeProvider clock, ILogger<StudyMerge> logger)
{
    private readonly MergedInstanceFiles _files = new(blobs, logger);

    /// <summary>Modifying System (0400,0563) written into the Original Attributes Sequence item.</summary>
    public string ModifyingSystem { get; init; } = "CLOUDFILM";

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
        var plan = await StudyMergePlan.LockAsync(connection, transaction, request, cancellationToken);
        if (plan.Refusal is { } refusal)
        {
            return new StudyMergeResult(refusal);
        }

        var attributes = await TargetStudyAttributes.ReadAsync(connection, transaction, blobs, logger, target, cancellationToken);
        var now = clock.GetUtcNow();
        var modification = new AttributeModification(plan.Reason, ModifyingSystem, SourceOfPreviousValues: "", now);
        var written = new List<RewrittenInstance>();
        var committed = false;
        try
        {
            foreach (var instance in plan.Instances)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!BlobStore.IsSafeUid(instance.SopInstanceUid))
                {
                    throw new InvalidOperationException($"instance {instance.SopInstanceUid} has a UID that cannot name a blob");
                }
                try
                {
                    written.Add(_files.Write(instance, BlobStore.KeyOf(target, instance.SopInstanceUid), target, attributes, modification));
                }
                catch (Exception e) when (e is IOException or DicomException)
                {
                    // The finally below removes what was written; the transaction rolls back with nothing moved.
                    logger.LogError("Merge of DICOM study {SourceStudyInstanceUid} into {TargetStudyInstanceUid} stopped: stored copy of {SopInstanceUid} unreadable ({Error})",
                        source, target, instance.SopInstanceUid, e.Message);
                    return new StudyMergeResult(StudyMergeOutcome.StoredCopyUnreadable, FailedSopInstanceUid: instance.SopInstanceUid);
                }
            }

            var seriesMoved = await StudyMergeIndex.MoveRowsAsync(connection, transaction, plan, written, cancellationToken);
            var mergeId = await StudyMergeIndex.RecordAsync(connection, transaction, plan, seriesMoved, request.Actor, now, cancellationToken);
            try
            {
                await transaction.CommitAsync(CancellationToken.None);
                committed = true;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The commit may have happened even though its answer was lost: ask before deleting anything.
                var gone = await StudyMergeIndex.SourceIsGoneAsync(dataSource, source);
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
            foreach (var instance in plan.Instances)
            {
                _files.TryDelete(instance.OldKey);
            }
            logger.LogInformation(
                "DICOM study {SourceStudyInstanceUid} merged into {TargetStudyInstanceUid} by {Actor}: {Series} series, {Instances} instances ({Reason}), merge {MergeId}",
                source, target, request.Actor, seriesMoved, plan.Instances.Count, plan.Reason, mergeId);
            return new StudyMergeResult(StudyMergeOutcome.Merged, seriesMoved, plan.Instances.Count, plan.Reason, mergeId);
        }
        finally
        {
            if (!committed)
            {
                // Nothing points at the new files: remove them, the old study stays as it was.
                foreach (var instance in written)
                {
                    _files.TryDelete(instance.NewKey);
                }
            }
        }
    }
}
