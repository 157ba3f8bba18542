using System.Buffers;

namespace CloudFilm.Dicom.Network.Dimse;

/// <summary>
/// Collects a small data set (a query identifier, a response) in a pooled buffer with an upper bound, so a peer
/// cannot make us allocate more than <see cref="MaxLength"/> bytes.
/// </summary>
public sealed class MemoryDataSetSink(int maxLength) : IDataSetSink
{
    private byte[] _buffer = [];
    private int _length;

    public int MaxLength { get; } = maxLength;

    public ReadOnlyMemory<byte> Data => _buffer.AsMemory(0, _length);

    /// <summary>A copy of what was received, owned by the caller.</summary>
    public byte[] ToArray() => Data.ToArray();

    public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
    {
        if ((long)_length + fragment.Length > MaxLength)
        {
            throw new DicomNetworkException($"data set larger than the {MaxLength} bytes accepted here");
        }

        if (_length + fragment.Length > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + fragment.Length, Math.Max(4096, _buffer.Length * 2)));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = bigger;
        }

        fragment.Span.CopyTo(_buffer.AsSpan(_length));
        _length += fragment.Length;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        _length = 0;
        return ValueTask.CompletedTask;
    }
}
