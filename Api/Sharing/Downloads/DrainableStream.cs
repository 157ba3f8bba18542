namespace CloudFilm.Api.Sharing.Downloads;

/// <summary>
/// Lets a writer that writes synchronously (the zip writer, the DICOM writer) feed a stream that only takes
/// asynchronous writes (an HTTP response body): writes collect in memory and <see cref="DrainAsync"/> passes them on.
/// Draining after every file keeps memory bounded by one file.
/// </summary>
public sealed class DrainableStream(Stream destination) : Stream
{
    private readonly MemoryStream _pending = new();
    private long _written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written + _pending.Length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length == 0)
        {
            return;
        }
        await destination.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
        _written += _pending.Length;
        _pending.SetLength(0);
    }

    public override void Flush()
    {
        // Nothing to do synchronously: DrainAsync moves the bytes.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }
        base.Dispose(disposing);
    }
}
