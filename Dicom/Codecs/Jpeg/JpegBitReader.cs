using System.Runtime.CompilerServices;

namespace CloudFilm.Dicom.Codecs.Jpeg;

/// <summary>
/// Reads entropy-coded JPEG data (T.81 F.2.2.5): bytes FFH 00H stand for FFH; any other FFH xx is a marker that
/// ends the segment, after which zeros are fed. Restart markers are consumed by <see cref="Restart"/>. Reading far
/// past a marker or the end means the data is truncated.
/// </summary>
internal sealed unsafe class JpegBitReader
{
    private const int MaxPhantomBytes = 64;

    private readonly byte* _data;
    private readonly int _end;
    private readonly long _baseOffset;
    private int _position;
    private ulong _cache;
    private int _cacheBits;
    private bool _atMarker;
    private int _phantomBytes;

    public JpegBitReader(byte* data, int start, int end, long baseOffset)
    {
        _data = data;
        _position = start;
        _end = end;
        _baseOffset = baseOffset;
    }

    /// <summary>Byte position of the first unread byte (valid once the cache has been emptied by a marker).</summary>
    public int Position => _position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Peek(int count)
    {
        if (_cacheBits < count)
        {
            Fill();
        }

        return (int)(_cache >> (64 - count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int count)
    {
        _cache <<= count;
        _cacheBits -= count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBits(int count)
    {
        if (count == 0)
        {
            return 0;
        }

        int value = Peek(count);
        Skip(count);
        return value;
    }

    /// <summary>RECEIVE and EXTEND of T.81 F.2.2.1: <paramref name="size"/> bits as a signed difference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReceiveExtend(int size)
    {
        if (size == 0)
        {
            return 0;
        }

        int value = ReadBits(size);
        return value < (1 << (size - 1)) ? value - (1 << size) + 1 : value;
    }

    /// <summary>Skips to just after the next RSTn marker and resets the bit cache (T.81 F.2.2.5, E.2.4).</summary>
    public void Restart()
    {
        _cache = 0;
        _cacheBits = 0;
        _atMarker = false;
        _phantomBytes = 0;
        while (_position + 1 < _end)
        {
            if (_data[_position] == 0xFF && _data[_position + 1] is >= 0xD0 and <= 0xD7)
            {
                _position += 2;
                return;
            }

            if (_data[_position] == 0xFF && _data[_position + 1] is not (0x00 or 0xFF))
            {
                throw Corrupt("restart marker expected");
            }

            _position++;
        }

        throw Corrupt("restart marker missing");
    }

    public DicomFormatException Corrupt(string what) => new($"JPEG data corrupt: {what}", _baseOffset + _position);

    private void Fill()
    {
        while (_cacheBits <= 56)
        {
            int b;
            if (_atMarker || _position >= _end)
            {
                if (++_phantomBytes > MaxPhantomBytes)
                {
                    throw Corrupt("entropy-coded data ends early");
                }

                b = 0;
            }
            else
            {
                b = _data[_position];
                if (b == 0xFF)
                {
                    int next = _position + 1 < _end ? _data[_position + 1] : 0xD9;
                    if (next == 0x00)
                    {
                        _position += 2;
                    }
                    else if (next == 0xFF)
                    {
                        // Fill byte before a marker.
                        _position++;
                        continue;
                    }
                    else
                    {
                        _atMarker = true;
                        b = 0;
                    }
                }
                else
                {
                    _position++;
                }
            }

            _cache |= (ulong)b << (56 - _cacheBits);
            _cacheBits += 8;
        }
    }
}
