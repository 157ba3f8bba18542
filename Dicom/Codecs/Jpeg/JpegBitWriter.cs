using System.Buffers;
using System.Runtime.CompilerServices;

namespace CloudFilm.Dicom.Codecs.Jpeg;

/// <summary>
/// Writes JPEG entropy-coded bits MSB first (T.81 F.1.2.3), stuffing 00H after each FFH byte so it cannot be taken
/// for a marker. Pooled buffer, grown by doubling; <see cref="Dispose"/> returns it.
/// </summary>
internal sealed class JpegBitWriter : IDisposable
{
    private byte[] _buffer;
    private int _position;
    private ulong _bits;
    private int _bitCount;

    public JpegBitWriter(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_position++] = value;
    }

    public void WriteUInt16BigEndian(int value)
    {
        WriteByte((byte)(value >> 8));
        WriteByte((byte)value);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBits(uint value, int count)
    {
        if (_bitCount + count > 64)
        {
            Flush();
        }

        if (count != 0)
        {
            _bits |= (ulong)(value & ((1u << count) - 1 | (count == 32 ? uint.MaxValue : 0))) << (64 - _bitCount - count);
            _bitCount += count;
        }
    }

    /// <summary>Pads the last byte with 1-bits (F.1.2.3) and empties the accumulator.</summary>
    public void EndScan()
    {
        int pad = (8 - (_bitCount & 7)) & 7;
        WriteBits((1u << pad) - 1, pad);
        Flush();
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _position).ToArray();

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Flush()
    {
        Ensure(16);
        while (_bitCount >= 8)
        {
            byte b = (byte)(_bits >> 56);
            _buffer[_position++] = b;
            if (b == 0xFF)
            {
                _buffer[_position++] = 0;
            }

            _bits <<= 8;
            _bitCount -= 8;
        }
    }

    private void Ensure(int extra)
    {
        if (_position + extra <= _buffer.Length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _position + extra));
        _buffer.AsSpan(0, _position).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
