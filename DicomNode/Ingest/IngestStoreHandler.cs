using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Ingest;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Services;
using Microsoft.Extensions.Logging;

namespace CloudFilm.DicomNode.Ingest;

/// <summary>
/// The C-STORE SCP of the archive. Each instance streams to a temporary file in the blob store behind a meta header
/// built from the command; when it is complete the archive's <see cref="InstanceIngest"/> makes it durable, checks,
/// keys and indexes it, and only then is success answered. Compression follows in the background
/// (<see cref="CompressionWorker"/>, woken here) and the StudyGrain is told by <see cref="Notifications.StudyArrivalNotifier"/>.
/// Any failure answers a failure status; nothing this instance wrote stays.
/// </summary>
public sealed class IngestStoreHandler(
    BlobStore blobs,
    InstanceIngest ingest,
    IngestSignals signals,
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
            return new IngestSink(this, request, file);
        }
        catch
        {
            await file.DisposeAsync();
            File.Delete(file.Name);
            throw;
        }
    }

    internal async ValueTask<StoreOutcome> CompleteAsync(StoreRequest request, FileStream file, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await ingest.StoreAsync(file, new IngestSource(request.SopClassUid, request.SopInstanceUid, request.TransferSyntaxUid,
                request.Association.CallingAeTitle), cancellationToken);
            if (stored.Disposition != IngestDisposition.KeptFirst)
            {
                signals.InstanceIndexed(stored.QueuedForCompression);
            }
            return StoreOutcome.Success;
        }
        catch (IngestRefusedException e)
        {
            logger.LogDebug("C-STORE of {SopInstanceUid} from {Peer} refused: {Reason}", request.SopInstanceUid, request.Association.Peer, e.Message);
            throw new DimseStatusException(StatusOf(e.Failure), e.Message);
        }
    }

    private static DimseStatus StatusOf(IngestFailure failure) => failure switch
    {
        IngestFailure.DoesNotMatchSopClass => DimseStatus.DataSetDoesNotMatchSopClass,
        IngestFailure.OutOfResources => DimseStatus.OutOfResources,
        IngestFailure.ProcessingFailure => DimseStatus.ProcessingFailure,
        _ => DimseStatus.CannotUnderstand,
    };

    private sealed class IngestSink(IngestStoreHandler handler, StoreRequest request, FileStream file) : IStoreSink
    {
        private bool _handedOver;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken) => file.WriteAsync(fragment, cancellationToken);

        public ValueTask<StoreOutcome> CompleteAsync(CancellationToken cancellationToken)
        {
            _handedOver = true; // the ingest closes the temporary and renames or deletes it
            return handler.CompleteAsync(request, file, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_handedOver)
            {
                await file.DisposeAsync();
                if (File.Exists(file.Name))
                {
                    File.Delete(file.Name);
                }
            }
        }
    }
}
