using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Index;
using CloudFilm.Archive.Measurements;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudFilm.Archive.Ingest;

/// <summary>
/// The one way an instance enters the archive, whatever brought it (C-STORE on the DICOM front node, STOW-RS on the
/// Api). The caller streams the Part 10 file into a temporary from <see cref="BlobStore.CreateTemporary"/>; then
/// <see cref="StoreAsync"/> fsyncs it, checks what the archive depends on (SOP class and instance, Study and Series
/// UIDs), applies <see cref="ArchiveOptions.Duplicates"/>, renames it to its UID key (folder fsync'ed) and writes the
/// index rows through the batching <see cref="InstanceIndexWriter"/> (the compression queue row in the same
/// transaction), and only then returns. A refusal or failure throws <see cref="IngestRefusedException"/> and leaves
/// neither the temporary nor a blob without a row. The StudyGrain is told from the index (its revision), so nothing
/// here talks to the cluster.
/// </summary>
public sealed class InstanceIngest(
    BlobStore blobs,
    InstanceIndexWriter index,
    IOptions<ArchiveOptions> archiveOptions,
    MeasurementStore measurements,
    MeasurementMapping mapping,
    TimeProvider clock,
    ILogger<InstanceIngest> logger)
{
    private readonly ArchiveOptions _options = archiveOptions.Value;

    /// <summary>
    /// Stores the complete file written to <paramref name="temporary"/> (which this closes; on return the temporary is
    /// either renamed into place or deleted). Throws <see cref="IngestRefusedException"/> when the instance is refused
    /// or could not be stored; nothing of it is kept then.
    /// </summary>
    public async Task<IngestedInstance> StoreAsync(FileStream temporary, IngestSource source, CancellationToken cancellationToken)
    {
        var path = temporary.Name;
        try
        {
            await temporary.FlushAsync(cancellationToken);
            temporary.Flush(flushToDisk: true);
            await temporary.DisposeAsync();
            return await StoreFileAsync(path, source, cancellationToken);
        }
        finally
        {
            // Whatever happened, the temporary is either renamed into place or must go.
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }

    private async Task<IngestedInstance> StoreFileAsync(string path, IngestSource source, CancellationToken cancellationToken)
    {
        var record = Check(path, source);

        var existed = blobs.Exists(record.BlobKey);
        if (existed && _options.Duplicates == DuplicatePolicy.KeepFirst)
        {
            // Already stored and (if acknowledged before) indexed; make sure of the index row, keep the first copy.
            File.Delete(path);
            await index.WriteAsync(record, ArchiveCompression.IsWanted(_options, record), cancellationToken);
            return new IngestedInstance(record, IngestDisposition.KeptFirst, QueuedForCompression: false);
        }

        try
        {
            blobs.Commit(path, record.BlobKey);
        }
        catch (IOException e)
        {
            logger.LogError("Blob write of {SopInstanceUid} failed: {Error}", record.SopInstanceUid, e.Message);
            throw new IngestRefusedException(IngestFailure.OutOfResources, "the archive could not store the instance");
        }

        var compress = ArchiveCompression.IsWanted(_options, record);
        try
        {
            // Not cancellable: once queued the row may commit, so we wait for the outcome rather than delete a blob a
            // committed row points at.
            await index.WriteAsync(record, compress, CancellationToken.None);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            if (!existed)
            {
                blobs.Delete(record.BlobKey); // no row points at it: nothing half-written stays
            }
            logger.LogError("Index write of {SopInstanceUid} failed: {Error}", record.SopInstanceUid, e.Message);
            throw new IngestRefusedException(IngestFailure.ProcessingFailure, "the archive could not index the instance");
        }

        if (record.SopClassUid.StartsWith(SrMeasurementParser.SrSopClassPrefix, StringComparison.Ordinal))
        {
            await RecordMeasurementsAsync(record, cancellationToken);
        }
        return new IngestedInstance(record, existed ? IngestDisposition.Replaced : IngestDisposition.Stored, compress);
    }

    /// <summary>Reads the stored header and checks it against what the sender said (and the study it was sent to).</summary>
    private InstanceRecord Check(string path, IngestSource source)
    {
        DicomFile file;
        try
        {
            file = InstanceAttributes.OpenStored(path);
        }
        catch (Exception e) when (e is DicomException or IOException or EndOfStreamException)
        {
            logger.LogWarning("Refused {SopInstanceUid} from {Source}: unreadable data set ({Error})", source.SopInstanceUid ?? "(unknown)", source.SourceAeTitle, e.Message);
            throw new IngestRefusedException(IngestFailure.CannotUnderstand, "the data set cannot be parsed");
        }

        // C-STORE names the instance in its command; STOW-RS only in the file's meta information.
        var sopClass = source.SopClassUid ?? MetaText(file, DicomTags.MediaStorageSOPClassUID);
        var sopInstance = source.SopInstanceUid ?? MetaText(file, DicomTags.MediaStorageSOPInstanceUID);
        var syntax = source.TransferSyntaxUid ?? file.TransferSyntax.Uid;
        var identified = new IngestIdentity(sopClass, sopInstance);
        if (source.TransferSyntaxUid is null && !DicomTransferSyntax.IsKnown(syntax))
        {
            logger.LogWarning("Refused {SopInstanceUid} from {Source}: transfer syntax {Syntax} not supported", sopInstance, source.SourceAeTitle, syntax);
            throw new IngestRefusedException(IngestFailure.TransferSyntaxNotSupported, $"transfer syntax {syntax} is not supported", identified);
        }
        if (!BlobStore.IsSafeUid(sopInstance))
        {
            throw new IngestRefusedException(IngestFailure.CannotUnderstand, "SOP Instance UID is not a valid UID", identified);
        }

        InstanceRecord record;
        try
        {
            record = InstanceAttributes.ReadStored(file, new InstanceEnvelope(sopClass, sopInstance, syntax, source.SourceAeTitle.Trim(),
                new FileInfo(path).Length, clock.GetUtcNow()));
        }
        catch (InstanceRejectedException e)
        {
            logger.LogWarning("Refused {SopInstanceUid} from {Source}: {Reason}", sopInstance, source.SourceAeTitle, e.Message);
            throw new IngestRefusedException(e.Reason == InstanceRejection.DoesNotMatchCommand ? IngestFailure.DoesNotMatchSopClass : IngestFailure.CannotUnderstand,
                e.Message, identified);
        }
        if (source.StudyInstanceUid is { } expected && record.StudyInstanceUid != expected)
        {
            logger.LogWarning("Refused {SopInstanceUid} from {Source}: it belongs to study {Actual}, not {Expected}", sopInstance, source.SourceAeTitle,
                record.StudyInstanceUid, expected);
            throw new IngestRefusedException(IngestFailure.StudyMismatch, "the instance belongs to another study than the one it was sent to", identified);
        }
        return record;
    }

    private static string MetaText(DicomFile file, DicomTag tag)
    {
        try
        {
            return (file.Meta.GetString(tag) ?? "").Trim('\0', ' ');
        }
        catch (DicomException)
        {
            return "";
        }
    }

    /// <summary>
    /// Parses a Structured Report's measurements. The instance is already stored and indexed: a report we cannot
    /// parse is kept as received and logged, never refused.
    /// </summary>
    private async Task RecordMeasurementsAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var document = DicomFile.Open(blobs.PathOf(record.BlobKey)).Dataset;
            var found = SrMeasurementParser.Parse(document, mapping);
            await measurements.ReplaceAsync(record.SopInstanceUid, record.StudyInstanceUid, found, cancellationToken);
            logger.LogInformation("SR {SopInstanceUid}: {Count} measurements", record.SopInstanceUid, found.Count);
        }
        catch (Exception e) when (e is DicomException or Npgsql.NpgsqlException or IOException)
        {
            logger.LogWarning("SR {SopInstanceUid} stored but its measurements were not read: {Error}", record.SopInstanceUid, e.Message);
        }
    }
}

/// <summary>
/// Who sent the instance and what they said of it. C-STORE gives the SOP class, instance and transfer syntax from its
/// command; STOW-RS leaves them null (they come from the file's meta information) and may name the study the request
/// was addressed to, which the instance must belong to.
/// </summary>
public sealed record IngestSource(string? SopClassUid, string? SopInstanceUid, string? TransferSyntaxUid, string SourceAeTitle,
    string? StudyInstanceUid = null);

/// <summary>The instance as indexed, and what became of it.</summary>
/// <param name="QueuedForCompression">A compression row was queued with this copy (wake the compression worker).</param>
public sealed record IngestedInstance(InstanceRecord Record, IngestDisposition Disposition, bool QueuedForCompression);

public enum IngestDisposition
{
    /// <summary>A new instance, stored and indexed.</summary>
    Stored,

    /// <summary>Already stored; the first copy was kept (<see cref="DuplicatePolicy.KeepFirst"/>), this one discarded.</summary>
    KeptFirst,

    /// <summary>Already stored; this copy replaced it and its index row (<see cref="DuplicatePolicy.Replace"/>).</summary>
    Replaced,
}

/// <summary>Why an instance was not stored, in the archive's terms; each protocol maps it to its own status.</summary>
public enum IngestFailure
{
    /// <summary>The data set cannot be parsed, or a UID the archive depends on is missing or invalid.</summary>
    CannotUnderstand,

    /// <summary>The data set names another SOP class or instance than the request said.</summary>
    DoesNotMatchSopClass,

    /// <summary>The file is encoded in a transfer syntax the toolkit cannot read.</summary>
    TransferSyntaxNotSupported,

    /// <summary>The instance belongs to another study than the one the request was addressed to.</summary>
    StudyMismatch,

    /// <summary>The blob store could not take the file.</summary>
    OutOfResources,

    /// <summary>The index could not be written.</summary>
    ProcessingFailure,
}

/// <summary>The SOP class and instance of a refused instance, as far as they were read ("" when unknown).</summary>
public sealed record IngestIdentity(string SopClassUid, string SopInstanceUid);

/// <summary>The instance was not stored; nothing of it was kept.</summary>
public sealed class IngestRefusedException(IngestFailure failure, string message, IngestIdentity? identity = null) : Exception(message)
{
    public IngestFailure Failure { get; } = failure;

    /// <summary>What was read of the instance before it was refused (null when nothing could be read).</summary>
    public IngestIdentity? Identity { get; } = identity;
}
