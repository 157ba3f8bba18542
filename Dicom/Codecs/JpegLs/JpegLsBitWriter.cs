using System.Buffers;
using System.Runtime.CompilerServices;

namespace CloudFilm.Dicom.Codecs.JpegLs;

/// <summary>
/// Writes JPEG-LS entropy-coded bits MSB first through a 64-bit accumulator, with the bit stuffing of T.87 §9.1:
/// after every FFH byte the next byte carries only 7 bits (its high bit is a stuffed 0). Output goes to a pooled
/// buffer that grows by doubling; <see cref="Dispose"/> returns it.
/// </summary>
internal sealed class JpegLsBitWriter : IDisposable
{
    private byte[] _buffer;
    private int _position;
    private ulong _bits;      // pending bits, left-aligned
    private int _bitCount;    // number of pending bits
    private bool _afterFF;

    public JpegLsBitWriter(int initialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
    }

    public int Position => _position;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _position);

    /// <summary>Writes raw bytes (marker segments); only valid between scans, when no bits are pending.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_position++] = value;
    }

    public void WriteUInt16BigEndian(int value)
    {
        Ensure(2);
        _buffer[_position++] = (byte)(value >> 8);
        _buffer[_position++] = (byte)value;
    }

    /// <summary>Appends the low <paramref name="count"/> bits of <paramref name="value"/> (count ≤ 32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBits(uint value, int count)
    {
        if (64 - _bitCount < count)
        {
            Flush();
        }

        if (count != 0)
        {
            _bits |= (ulong)value << (64 - _bitCount - count);
            _bitCount += count;
        }
    }

    public void WriteZeros(int count)
    {
        while (count > 32)
        {
            WriteBits(0, 32);
            count -= 32;
        }

        WriteBits(0, count);
    }

    /// <summary>Limited-length Golomb code of T.87 §A.5.3 for a mapped error value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteGolomb(int mapped, int k, int limit, int qbpp)
    {
        int high = mapped >> k;
        if (high < limit - qbpp - 1)
        {
            int total = high + 1 + k;
            if (total <= 32)
            {
                WriteBits((1u << k) | ((uint)mapped & ((1u << k) - 1)), total);
            }
            else
            {
                WriteZeros(high);
                WriteBits((1u << k) | ((uint)mapped & ((1u << k) - 1)), k + 1);
            }
        }
        else
        {
            WriteZeros(limit - qbpp - 1);
            WriteBits(1, 1);
            WriteBits((uint)(mapped - 1) & ((1u << qbpp) - 1), qbpp);
        }
    }

    /// <summary>Ends the entropy-coded segment: pads the last byte with zeros and keeps FFH from meeting the next marker.</summary>
    public void EndScan()
    {
        Flush();
        while (_bitCount > 0)
        {
            EmitByte();
        }

        _bits = 0;
        _bitCount = 0;
        if (_afterFF)
        {
            Ensure(1);
            _buffer[_position++] = 0;
        }

        _afterFF = false;
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _position).ToArray();

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Flush()
    {
        Ensure(9);
        while (_bitCount >= 8)
        {
            EmitByte();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EmitByte()
    {
        if (_afterFF)
        {
            _buffer[_position++] = (byte)(_bits >> 57);
            _bits <<= 7;
            _bitCount -= 7;
            _afterFF = false;
        }
        else
        {
            byte b = (byte)(_bits >> 56);
            _buffer[_position++] = b;
            _bits <<= 8;
            _bitCount -= 8;
            _afterFF = b == 0xFF;
        }

        if (_bitCount < 0)
        {
            _bitCount = 0;
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
