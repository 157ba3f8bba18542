namespace CloudFilm.Dicom.Data;

/// <summary>
/// The bytes of one value: in memory, or a range of a file read only when asked for (so a header-only read of a
/// large image does not copy its pixel data). Values are held little endian whatever the source byte order.
/// </summary>
public abstract class DicomBuffer
{
    public static DicomBuffer Empty { get; } = new MemoryDicomBuffer(ReadOnlyMemory<byte>.Empty);

    /// <summary>Number of bytes.</summary>
    public abstract long Length { get; }

    /// <summary>The bytes, loaded into memory if they are not already.</summary>
    public abstract ReadOnlyMemory<byte> Memory { get; }

    /// <summary>Whether the bytes already sit in memory (reading <see cref="Memory"/> costs no I/O).</summary>
    public abstract bool IsInMemory { get; }

    /// <summary>Writes the bytes to a stream without holding all of them in memory when they live in a file.</summary>
    public virtual void CopyTo(Stream destination) => destination.Write(Memory.Span);

    /// <summary>A part of the bytes; a part of a file stays in the file (one frame of a large multi-frame image).</summary>
    public virtual DicomBuffer Slice(long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + length, Length);
        return From(Memory.Slice((int)offset, (int)length));
    }

    /// <summary>Wraps bytes already in memory (no copy).</summary>
    public static DicomBuffer From(ReadOnlyMemory<byte> bytes) => bytes.IsEmpty ? Empty : new MemoryDicomBuffer(bytes);
}

/// <summary>Bytes held in memory.</summary>
public sealed class MemoryDicomBuffer(ReadOnlyMemory<byte> bytes) : DicomBuffer
{
    public override long Length => bytes.Length;

    public override ReadOnlyMemory<byte> Memory => bytes;

    public override bool IsInMemory => true;
}

/// <summary>
/// A byte range of a file, read on demand. Only for little-endian values (big-endian files are swapped on read and
/// therefore held in memory).
/// </summary>
public sealed class FileRangeDicomBuffer : DicomBuffer
{
    private ReadOnlyMemory<byte>? _loaded;

    public FileRangeDicomBuffer(string path, long offset, long length)
    {
        Path = path;
        Offset = offset;
        Length = length;
    }

    public string Path { get; }

    public long Offset { get; }

    public override long Length { get; }

    public override bool IsInMemory => _loaded is not null;

    public override ReadOnlyMemory<byte> Memory => _loaded ??= Load();

    public override DicomBuffer Slice(long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + length, Length);
        return _loaded is { } loaded ? From(loaded.Slice((int)offset, (int)length)) : new FileRangeDicomBuffer(Path, Offset + offset, length);
    }

    public override void CopyTo(Stream destination)
    {
        if (_loaded is { } loaded)
        {
            destination.Write(loaded.Span);
            return;
        }
        using var file = OpenAt();
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            var remaining = Length;
            while (remaining > 0)
            {
                var n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (n == 0)
                {
                    throw new DicomFormatException("file shorter than when it was read", Offset + Length - remaining);
                }
                destination.Write(buffer, 0, n);
                remaining -= n;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private FileStream OpenAt()
    {
        var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        file.Position = Offset;
        return file;
    }

    private byte[] Load()
    {
        if (Length > Array.MaxLength)
        {
            throw new DicomException($"value of {Length} bytes is too large to hold in memory");
        }
        var bytes = new byte[Length];
        using var file = OpenAt();
        file.ReadExactly(bytes);
        return bytes;
    }
}
