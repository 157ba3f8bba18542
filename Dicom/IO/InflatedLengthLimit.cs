namespace CloudFilm.Dicom.IO;

/// <summary>
/// A forward-only view of an inflating stream that refuses to yield more than a set number of bytes, so a deflated
/// data set (PS3.5 §A.5) cannot expand without bound however small its compressed form.
/// </summary>
internal sealed class InflatedLengthLimit(Stream inner, long limit, long compressedOffset) : Stream
{
    private long _produced;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _produced;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Ask for one byte past the limit at most, so reaching it exactly is still fine.
        var allowed = (int)Math.Min(buffer.Length, limit - _produced + 1);
        var n = inner.Read(buffer[..allowed]);
        Count(n);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var allowed = (int)Math.Min(buffer.Length, limit - _produced + 1);
        var n = await inner.ReadAsync(buffer[..allowed], cancellationToken).ConfigureAwait(false);
        Count(n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Count(int n)
    {
        _produced += n;
        if (_produced > limit)
        {
            throw new DicomFormatException($"deflated data set inflates to more than the {limit} bytes allowed", compressedOffset);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
