using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace CloudFilm.Dicom.Codecs.JpegLs;

/// <summary>
/// Reads JPEG-LS entropy-coded bits through a 64-bit cache, removing the stuffed 0 bit after each FFH (T.87 §9.1).
/// An FFH followed by a byte with the high bit set is a marker: the scan ends there and zeros are fed instead.
/// Reading far past the end (more than the cache could have prefetched) means the data is truncated or corrupt.
/// </summary>
internal sealed unsafe class JpegLsBitReader
{
    private const int MaxPhantomBits = 128;

    private readonly byte* _data;
    private readonly int _length;
    private int _position;
    private ulong _cache;
    private int _cacheBits;
    private int _phantomBits;
    private readonly long _baseOffset;

    public JpegLsBitReader(byte* data, int length, long baseOffset)
    {
        _data = data;
        _length = length;
        _baseOffset = baseOffset;
        Fill();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBits(int count)
    {
        if (count == 0)
        {
            return 0;
        }

        if (_cacheBits < count)
        {
            Fill();
        }

        int value = (int)(_cache >> (64 - count));
        _cache <<= count;
        _cacheBits -= count;
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBit()
    {
        if (_cacheBits < 1)
        {
            Fill();
        }

        int value = (int)(_cache >> 63);
        _cache <<= 1;
        _cacheBits--;
        return value;
    }

    /// <summary>Counts zeros up to and including the terminating 1; more than <paramref name="max"/> zeros is corrupt.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadUnary(int max)
    {
        int count = 0;
        while (true)
        {
            if (_cacheBits < 32)
            {
                Fill();
            }

            int zeros = BitOperations.LeadingZeroCount(_cache);
            if (zeros < _cacheBits)
            {
                count += zeros;
                _cache <<= zeros;
                _cache <<= 1;
                _cacheBits -= zeros + 1;
                if (count > max)
                {
                    throw Corrupt("Golomb code longer than LIMIT");
                }

                return count;
            }

            count += _cacheBits;
            _cache = 0;
            _cacheBits = 0;
            if (count > max)
            {
                throw Corrupt("Golomb code longer than LIMIT");
            }
        }
    }

    /// <summary>Limited-length Golomb decoding (T.87 §A.5.3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadGolomb(int k, int limit, int qbpp)
    {
        int escape = limit - qbpp - 1;
        int high = ReadUnary(escape);
        if (high < escape)
        {
            return (high << k) | ReadBits(k);
        }

        return ReadBits(qbpp) + 1;
    }

    /// <summary>
    /// Moves past the next RSTm marker (T.87 C.2.5) and empties the cache. Only padding bits can lie between the
    /// last coded bit of the interval and the marker, so the marker is found at or just after the read position.
    /// </summary>
    public void Restart()
    {
        int pos = Math.Max(0, _position - 1);
        while (pos + 1 < _length && !(_data[pos] == 0xFF && _data[pos + 1] is >= 0xD0 and <= 0xD7))
        {
            if (pos > _position + 2)
            {
                throw Corrupt("restart marker expected");
            }

            pos++;
        }

        if (pos + 1 >= _length)
        {
            throw Corrupt("restart marker missing");
        }

        _position = pos + 2;
        _cache = 0;
        _cacheBits = 0;
        _phantomBits = 0;
    }

    public DicomFormatException Corrupt(string what) =>
        new($"JPEG-LS data corrupt: {what}", _baseOffset + _position);

    private void Fill()
    {
        // Fast path: eight bytes without FFH need no unstuffing. Bits past the whole bytes taken are the stream's
        // next bits, so OR-ing them in now and again on the next fill is harmless.
        if (_position + 8 <= _length && (_position == 0 || _data[_position - 1] != 0xFF))
        {
            ulong v = BinaryPrimitives.ReadUInt64BigEndian(new ReadOnlySpan<byte>(_data + _position, 8));
            ulong inverted = ~v;
            if (((inverted - 0x0101010101010101UL) & ~inverted & 0x8080808080808080UL) == 0)
            {
                int take = (64 - _cacheBits) >> 3;
                _cache |= v >> _cacheBits;
                _position += take;
                _cacheBits += take * 8;
                return;
            }
        }

        while (_cacheBits <= 56)
        {
            if (_position < _length)
            {
                byte b = _data[_position];
                if (_position > 0 && _data[_position - 1] == 0xFF)
                {
                    if (b >= 0x80)
                    {
                        // A marker: the scan's data ended at the previous byte.
                        AddPhantom();
                        continue;
                    }

                    _cache |= (ulong)b << (57 - _cacheBits);
                    _cacheBits += 7;
                }
                else
                {
                    _cache |= (ulong)b << (56 - _cacheBits);
                    _cacheBits += 8;
                }

                _position++;
            }
            else
            {
                AddPhantom();
            }
        }
    }

    private void AddPhantom()
    {
        _phantomBits += 8;
        if (_phantomBits > MaxPhantomBits)
        {
            throw Corrupt("scan data ends before the last sample");
        }

        _cacheBits += 8;
    }
}
