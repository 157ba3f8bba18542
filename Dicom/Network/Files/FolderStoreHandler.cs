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

    public async ValueTask<IStoreSink> BeginStoreAsync(StoreRequest request, CancellationToken cancellationToken)
    {
        if (!IsSafeFileName(request.SopInstanceUid))
        {
            throw new DimseStatusException(DimseStatus.CannotUnderstand, "SOP Instance UID is not a valid UID");
        }

        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, request.SopInstanceUid + ".dcm");
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".part";
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
        var header = Part10HeaderWriter.Build(request.SopClassUid, request.SopInstanceUid, request.TransferSyntaxUid, request.Association.CallingAeTitle);
        await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        return new FileSink(stream, temporary, path);
    }

    private static bool IsSafeFileName(string uid) =>
        uid.Length is > 0 and <= 64 && uid.AsSpan().IndexOfAnyExcept("0123456789.") < 0 && !uid.StartsWith('.');

    private sealed class FileSink(FileStream stream, string temporary, string path) : IStoreSink
    {
        private bool _completed;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken) =>
            stream.WriteAsync(fragment, cancellationToken);

        public async ValueTask<StoreOutcome> CompleteAsync(CancellationToken cancellationToken)
        {
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
            _completed = true;
            return StoreOutcome.Success;
        }

        public async ValueTask DisposeAsync()
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            if (!_completed)
            {
                File.Delete(temporary);
            }
        }
    }
}
