using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Services;

namespace CloudFilm.Dicom.Network.Files;

/// <summary>
/// A storage SCP sink that writes each received instance as a Part 10 file named by its SOP Instance UID
/// (PS3.10): meta header, then the data set bytes exactly as received. Written to a temporary name and renamed
/// when complete, so a half-received instance is never visible.
/// </summary>
public sealed class FolderStoreHandler(string folder) : IStoreHandler
{
    public string Folder { get; } = folder;

    public ValueTask<IStoreSink> BeginStoreAsync(StoreRequest request, CancellationToken cancellationToken)
    {
        if (!IsSafeFileName(request.SopInstanceUid))
        {
            throw new DimseStatusException(DimseStatus.CannotUnderstand, "SOP Instance UID is not a valid UID");
        }

        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, request.SopInstanceUid + ".dcm");
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".part";
        // Synchronous writes on purpose: they land in the page cache in microseconds, while an asynchronous
        // FileStream on Linux hands every buffer flush to the thread pool, which costs more than the copy.
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 128 * 1024, FileOptions.None);
        stream.Write(DicomFileHeader.Build(request.SopClassUid, request.SopInstanceUid, request.TransferSyntaxUid, request.Association.CallingAeTitle));
        return ValueTask.FromResult<IStoreSink>(new FileSink(stream, temporary, path));
    }

    private static bool IsSafeFileName(string uid) =>
        uid.Length is > 0 and <= 64 && uid.AsSpan().IndexOfAnyExcept("0123456789.") < 0 && !uid.StartsWith('.');

    private sealed class FileSink(FileStream stream, string temporary, string path) : IStoreSink
    {
        private bool _completed;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
        {
            stream.Write(fragment.Span);
            return ValueTask.CompletedTask;
        }

        public ValueTask<StoreOutcome> CompleteAsync(CancellationToken cancellationToken)
        {
            stream.Dispose();
            File.Move(temporary, path, overwrite: true);
            _completed = true;
            return ValueTask.FromResult(StoreOutcome.Success);
        }

        public ValueTask DisposeAsync()
        {
            stream.Dispose();
            if (!_completed)
            {
                File.Delete(temporary);
            }

            return ValueTask.CompletedTask;
        }
    }
}
