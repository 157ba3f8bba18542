using System.Buffers;
using CloudFilm.Dicom.IO;
using Microsoft.Win32.SafeHandles;
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
        // Synchronous writes on purpose: they land in the page cache in microseconds, while asynchronous file I/O on
        // Linux hands every write to the thread pool, which costs more than the copy. No FileStream: its buffer
        // is a fresh array per file; the sink batches fragments in a pooled buffer instead.
        var handle = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None);
        var sink = new FileSink(handle, temporary, path);
        sink.Append(DicomFileHeader.Build(request.SopClassUid, request.SopInstanceUid, request.TransferSyntaxUid, request.Association.CallingAeTitle));
        return ValueTask.FromResult<IStoreSink>(sink);
    }

    private static bool IsSafeFileName(string uid) =>
        uid.Length is > 0 and <= 64 && uid.AsSpan().IndexOfAnyExcept("0123456789.") < 0 && !uid.StartsWith('.');

    private sealed class FileSink(SafeFileHandle handle, string temporary, string path) : IStoreSink
    {
        private const int BatchLength = 128 * 1024;
        private byte[]? _batch = ArrayPool<byte>.Shared.Rent(BatchLength);
        private int _batched;
        private long _written;
        private bool _completed;

        public void Append(ReadOnlySpan<byte> bytes)
        {
            var batch = _batch ?? throw new ObjectDisposedException(nameof(FileSink));
            if (_batched + bytes.Length > batch.Length)
            {
                Flush();
                if (bytes.Length >= batch.Length)
                {
                    RandomAccess.Write(handle, bytes, _written);
                    _written += bytes.Length;
                    return;
                }
            }

            bytes.CopyTo(batch.AsSpan(_batched));
            _batched += bytes.Length;
        }

        public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
        {
            Append(fragment.Span);
            return ValueTask.CompletedTask;
        }

        public ValueTask<StoreOutcome> CompleteAsync(CancellationToken cancellationToken)
        {
            Flush();
            Release();
            File.Move(temporary, path, overwrite: true);
            _completed = true;
            return ValueTask.FromResult(StoreOutcome.Success);
        }

        public ValueTask DisposeAsync()
        {
            Release();
            if (!_completed)
            {
                File.Delete(temporary);
            }

            return ValueTask.CompletedTask;
        }

        private void Flush()
        {
            if (_batched > 0)
            {
                RandomAccess.Write(handle, _batch.AsSpan(0, _batched), _written);
                _written += _batched;
                _batched = 0;
            }
        }

        private void Release()
        {
            handle.Dispose();
            if (_batch is { } batch)
            {
                _batch = null;
                ArrayPool<byte>.Shared.Return(batch);
            }
        }
    }
}
