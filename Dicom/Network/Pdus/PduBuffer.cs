using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>
/// A growable byte buffer from the shared pool into which one whole PDU is encoded, so it goes to the socket in
/// one write (one write per PDU avoids the Nagle/delayed-ACK stall, dicom-notes §7). Numbers are big endian as
/// PS3.8 9.3.1 requires for PDU fields.
/// </summary>
public sealed class PduBuffer : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public PduBuffer(int capacity = 512) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public int Length => _length;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public void Clear() => _length = 0;

    /// <summary>A span of <paramref name="size"/> bytes at the end; call <see cref="Advance"/> after filling it.</summary>
    public Span<byte> GetSpan(int size)
    {
        Ensure(size);
        return _buffer.AsSpan(_length, size);
    }

    /// <summary>Like <see cref="GetSpan"/> but as memory, so a stream can read straight into the PDU.</summary>
    public Memory<byte> GetMemory(int size)
    {
        Ensure(size);
        return _buffer.AsMemory(_length, size);
    }

    public void Advance(int count) => _length += count;

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        _length++;
    }

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(GetSpan(2), value);
        _length += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(GetSpan(4), value);
        _length += 4;
    }

    public void WriteZeros(int count)
    {
        GetSpan(count).Clear();
        _length += count;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    public void WriteAscii(string text)
    {
        var count = Encoding.ASCII.GetBytes(text, GetSpan(text.Length));
        _length += count;
    }

    /// <summary>Writes <paramref name="text"/> into a fixed field of <paramref name="width"/> bytes, padded with spaces.</summary>
    public void WriteFixedAscii(string text, int width)
    {
        var span = GetSpan(width);
        span.Fill((byte)' ');
        Encoding.ASCII.GetBytes(text.AsSpan(0, Math.Min(text.Length, width)), span);
        _length += width;
    }

    /// <summary>Writes a placeholder of <paramref name="size"/> bytes and returns its position for a later patch.</summary>
    public int Reserve(int size)
    {
        var position = _length;
        WriteZeros(size);
        return position;
    }

    public void PatchUInt16(int position, ushort value) =>
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(position, 2), value);

    public void PatchByte(int position, byte value) => _buffer[position] = value;

    public void PatchUInt32(int position, uint value) =>
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(position, 4), value);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int size)
    {
        if (_length + size <= _buffer.Length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + size));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
