using CloudFilm.Archive;
using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Index;
using CloudFilm.Archive.Measurements;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Services;
using Microsoft.Extensions.Logging;

namespace CloudFilm.DicomNode.Ingest;

/// <summary>
/// The C-STORE SCP of the archive. Each instance streams to a temporary file in the blob store; when it is complete
/// the file is fsync'ed, its header parsed and checked, the file renamed to its UID-derived key, and its index rows
/// committed; only then is success answered. Compression follows in the background (<see cref="CompressionWorker"/>)
/// and the StudyGrain is told by <see cref="Notifications.StudyArrivalNotifier"/>. Any failure answers a failure
/// status and removes what this instance wrote.
/// </summary>
public sealed class IngestStoreHandler(
    BlobStore blobs,
    InstanceIndexWriter index,
    ArchiveOptions options,
    IngestSignals signals,
    MeasurementStore measurements,
    MeasurementMapping mapping,
    TimeProvider clock,
    ILogger<IngestStoreHandler> logger) : IStoreHandler
{
    public async ValueTask<IStoreSink> BeginStoreAsync(StoreRequest request, CancellationToken cancellationToken)
    {
        if (!BlobStore.IsSafeUid(request.SopInstanceUid))
        {
            throw new DimseStatusException(DimseStatus.CannotUnderstand, "SOP Instance UID is not a valid UID");
        }
        var file = blobs.CreateTemporary();
        try
        {
            var header = CloudFilm.Dicom.IO.DicomFileHeader.Build(request.SopClassUid, request.SopInstanceUid, request.TransferSyntaxUid, request.Association.CallingAeTitle);
            await file.WriteAsync(header, cancellationToken);
            return new IngestSink(this, request, file, header.Length);
        }
        catch
        {
            await file.DisposeAsync();
            File.Delete(file.Name);
            throw;
        }
    }

    internal async ValueTask<StoreOutcome> CompleteAsync(StoreRequest request, FileStream file, long dataSetBytes, CancellationToken cancellationToken)
    {
        await file.FlushAsync(cancellationToken);
        file.Flush(flushToDisk: true);
        var path = file.Name;
        await file.DisposeAsync();

        InstanceRecord record;
        try
        {
            record = InstanceAttributes.ReadStored(InstanceAttributes.OpenStored(path), new InstanceEnvelope(
                request.SopClassUid, request.SopInstanceUid, request.TransferSyntaxUid, request.Association.CallingAeTitle.Trim(),
                new FileInfo(path).Length, clock.GetUtcNow()));
        }
        catch (InstanceRejectedException e)
        {
            logger.LogWarning("Refused {SopInstanceUid} from {Peer}: {Reason}", request.SopInstanceUid, request.Association.Peer, e.Message);
            throw new DimseStatusException(e.Reason == InstanceRejection.DoesNotMatchCommand ? DimseStatus.DataSetDoesNotMatchSopClass : DimseStatus.CannotUnderstand, e.Message);
        }
        catch (CloudFilm.Dicom.DicomException e)
        {
            logger.LogWarning("Refused {SopInstanceUid} from {Peer}: unreadable data set ({Error})", request.SopInstanceUid, request.Association.Peer, e.Message);
            throw new DimseStatusException(DimseStatus.CannotUnderstand, "the data set cannot be parsed");
        }

        var existed = blobs.Exists(record.BlobKey);
        if (existed && options.Duplicates == DuplicatePolicy.KeepFirst)
        {
            // Already stored and (if acknowledged before) indexed; make sure of the index row, keep the first copy.
            File.Delete(path);
            await index.WriteAsync(record, CompressionWorker.IsWanted(options, record), cancellationToken);
            return StoreOutcome.Success;
        }

        try
        {
            blobs.Commit(path, record.BlobKey);
        }
        catch (IOException e)
        {
            File.Delete(path);
            logger.LogError("Blob write of {SopInstanceUid} failed: {Error}", record.SopInstanceUid, e.Message);
            throw new DimseStatusException(DimseStatus.OutOfResources, "the archive could not store the instance");
        }

        try
        {
            var compress = CompressionWorker.IsWanted(options, record);
            // Not cancellable: once queued the row may commit, so we wait for the outcome rather than delete a blob a
            // committed row points at.
            await index.WriteAsync(record, compress, CancellationToken.None);
            signals.InstanceIndexed(compress);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            if (!existed)
            {
                blobs.Delete(record.BlobKey); // no row points at it: nothing half-written stays
            }
            logger.LogError("Index write of {SopInstanceUid} failed: {Error}", record.SopInstanceUid, e.Message);
            throw new DimseStatusException(DimseStatus.ProcessingFailure, "the archive could not index the instance");
        }

        if (record.SopClassUid.StartsWith(SrMeasurementParser.SrSopClassPrefix, StringComparison.Ordinal))
        {
            await RecordMeasurementsAsync(record, cancellationToken);
        }
        return StoreOutcome.Success;
    }

    /// <summary>
    /// Parses a Structured Report's measurements. The instance is already stored and indexed: a report we cannot
    /// parse is kept as received and logged, never refused.
    /// </summary>
    private async Task RecordMeasurementsAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var document = CloudFilm.Dicom.IO.DicomFile.Open(blobs.PathOf(record.BlobKey)).Dataset;
            var found = SrMeasurementParser.Parse(document, mapping);
            await measurements.ReplaceAsync(record.SopInstanceUid, record.StudyInstanceUid, found, cancellationToken);
            logger.LogInformation("SR {SopInstanceUid}: {Count} measurements", record.SopInstanceUid, found.Count);
        }
        catch (Exception e) when (e is CloudFilm.Dicom.DicomException or Npgsql.NpgsqlException or IOException)
        {
            logger.LogWarning("SR {SopInstanceUid} stored but its measurements were not read: {Error}", record.SopInstanceUid, e.Message);
        }
    }

    private sealed class IngestSink(IngestStoreHandler handler, StoreRequest request, FileStream file, int headerBytes) : IStoreSink
    {
        private long _bytes;
        private bool _handedOver;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
        {
            _bytes += fragment.Length;
            return file.WriteAsync(fragment, cancellationToken);
        }

        public ValueTask<StoreOutcome> CompleteAsync(CancellationToken cancellationToken)
        {
            _handedOver = true;
            return CompleteCoreAsync(cancellationToken);
        }

        private async ValueTask<StoreOutcome> CompleteCoreAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await handler.CompleteAsync(request, file, _bytes + headerBytes, cancellationToken);
            }
            finally
            {
                // Whatever happened, the temporary is either renamed into place or must go.
                if (File.Exists(file.Name))
                {
                    File.Delete(file.Name);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await file.DisposeAsync();
            if (!_handedOver && File.Exists(file.Name))
            {
                File.Delete(file.Name);
            }
        }
    }
}
