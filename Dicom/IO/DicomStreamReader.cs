using System.Buffers;
using System.Buffers.Binary;

namespace CloudFilm.Dicom.IO;

/// <summary>
/// Forward-only buffered reading of a stream, with the absolute byte offset for error messages. Never seeks unless
/// the stream can, so it parses network streams; never allocates more than the input actually holds.
/// </summary>
internal sealed class DicomStreamReader : IDisposable
{
    private const int ChunkSize = 64 * 1024;
    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _start;
    private int _end;
    private long _consumedBeforeBuffer;

    public DicomStreamReader(Stream stream, long startOffset = 0, string? filePath = null)
    {
        _stream = stream;
        _consumedBeforeBuffer = startOffset;
        FilePath = filePath;
    }

    /// <summary>Absolute offset of the next unread byte.</summary>
    public long Position => _consumedBeforeBuffer + _start;

    /// <summary>Set when the bytes come straight from this file, so large values can be referenced instead of copied.</summary>
    public string? FilePath { get; }

    /// <summary>Bytes left in the stream when it can tell (seekable), else null.</summary>
    public long? Remaining => _stream.CanSeek ? _stream.Length - _stream.Position + (_end - _start) : null;

    /// <summary>Makes at least <paramref name="count"/> bytes available; returns false at end of stream.</summary>
    public bool Ensure(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }
        if (_buffer.Length - _start < count)
        {
            Compact(count);
        }
        while (_end - _start < count)
        {
            var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                return false;
            }
            _end += n;
        }
        return true;
    }

    /// <summary>The next bytes without consuming them; shorter than asked at end of stream.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        Ensure(count);
        return _buffer.AsSpan(_start, Math.Min(count, _end - _start));
    }

    public bool AtEnd => !Ensure(1);

    public void Advance(int count) => _start += count;

    public ushort ReadUInt16(bool bigEndian, DicomTag? tag)
    {
        Require(2, tag);
        var s = _buffer.AsSpan(_start, 2);
        _start += 2;
        return bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
    }

    public uint ReadUInt32(bool bigEndian, DicomTag? tag)
    {
        Require(4, tag);
        var s = _buffer.AsSpan(_start, 4);
        _start += 4;
        return bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
    }

    /// <summary>Reads a value, growing the array only as bytes arrive: a short input declaring a huge length fails early.</summary>
    public byte[] ReadBytes(long length, DicomTag? tag)
    {
        if (length == 0)
        {
            return [];
        }
        CheckAvailable(length, tag);
        if (length > Array.MaxLength)
        {
            throw new DicomFormatException($"value of {length} bytes is too large", Position, tag);
        }
        // With a known remaining length the value was checked above, so allocate it at once; otherwise grow as bytes
        // arrive, so a short stream claiming a huge value fails before the memory is taken.
        var result = new byte[Remaining is not null ? length : Math.Min(length, ChunkSize * 16)];
        long filled = 0;
        while (filled < length)
        {
            if (_start == _end && !Ensure(1))
            {
                throw new DicomFormatException($"unexpected end of data reading a value of {length} bytes", Position, tag);
            }
            if (filled == result.Length)
            {
                Array.Resize(ref result, (int)Math.Min(length, (long)result.Length * 2));
            }
            var n = (int)Math.Min(Math.Min(_end - _start, length - filled), result.Length - filled);
            _buffer.AsSpan(_start, n).CopyTo(result.AsSpan((int)filled));
            _start += n;
            filled += n;
        }
        return result;
    }

    /// <summary>Skips bytes: seeks when possible, otherwise reads and discards.</summary>
    public void Skip(long length, DicomTag? tag)
    {
        CheckAvailable(length, tag);
        var buffered = Math.Min(length, _end - _start);
        _start += (int)buffered;
        length -= buffered;
        if (length == 0)
        {
            return;
        }
        if (_stream.CanSeek)
        {
            _consumedBeforeBuffer += _end;
            _start = _end = 0;
            _stream.Seek(length, SeekOrigin.Current);
            _consumedBeforeBuffer += length;
            return;
        }
        while (length > 0)
        {
            if (!Ensure(1))
            {
                throw new DicomFormatException("unexpected end of data", Position, tag);
            }
            var n = (int)Math.Min(length, _end - _start);
            _start += n;
            length -= n;
        }
    }

    /// <summary>The unread bytes as a stream: what is buffered, then the rest of the underlying stream.</summary>
    public Stream RemainderAsStream()
    {
        var buffered = _buffer.AsSpan(_start, _end - _start).ToArray();
        _start = _end;
        return new PrefixedStream(buffered, _stream);
    }

    public void Dispose()
    {
        var b = _buffer;
        _buffer = [];
        if (b.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(b);
        }
    }

    private void Require(int count, DicomTag? tag)
    {
        if (!Ensure(count))
        {
            throw new DicomFormatException("unexpected end of data", Position, tag);
        }
    }

    private void CheckAvailable(long length, DicomTag? tag)
    {
        if (Remaining is { } remaining && length > remaining)
        {
            throw new DicomFormatException($"value length {length} exceeds the {remaining} bytes left", Position, tag);
        }
    }

    private void Compact(int count)
    {
        var live = _end - _start;
        var target = _buffer;
        if (count > _buffer.Length)
        {
            target = ArrayPool<byte>.Shared.Rent(count);
        }
        Buffer.BlockCopy(_buffer, _start, target, 0, live);
        if (!ReferenceEquals(target, _buffer))
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = target;
        }
        _consumedBeforeBuffer += _start;
        _start = 0;
        _end = live;
    }
}
