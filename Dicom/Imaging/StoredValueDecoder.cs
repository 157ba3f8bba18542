using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// Turns the raw bit pattern of one sample into its stored value (PS3.5 §8.1.1, PS3.3 C.7.6.3.1): bits outside
/// High Bit − Bits Stored + 1 … High Bit may hold anything (old overlays), so they are masked off, and signed data
/// is sign-extended from its high bit. Both must happen before any min/max, rescale or window.
/// </summary>
public readonly struct StoredValueDecoder
{
    private readonly int _shift;
    private readonly uint _mask;
    private readonly long _signBit;
    private readonly bool _signed;

    public StoredValueDecoder(PixelFormat format)
    {
        int allocated = format.BitsAllocated;
        int stored = Math.Clamp(format.BitsStored, 1, allocated);
        int highBit = format.HighBit;
        // A High Bit that cannot hold Bits Stored bits is a broken header; the usual meaning (Bits Stored − 1) is assumed.
        if (highBit < stored - 1 || highBit >= allocated)
        {
            highBit = stored - 1;
        }

        _shift = highBit + 1 - stored;
        _mask = stored >= 32 ? uint.MaxValue : (1u << stored) - 1;
        _signBit = 1L << (stored - 1);
        _signed = format.IsSigned;
        BitsStored = stored;
    }

    public int BitsStored { get; }

    /// <summary>Smallest stored value the format can express.</summary>
    public long MinValue => _signed ? -_signBit : 0;

    /// <summary>Largest stored value the format can express.</summary>
    public long MaxValue => _signed ? _signBit - 1 : _mask;

    /// <summary>The stored value of a raw sample (the little-endian word as read).</summary>
    public long Decode(uint raw)
    {
        long value = (raw >> _shift) & _mask;
        if (_signed && (value & _signBit) != 0)
        {
            value -= _signBit << 1;
        }

        return value;
    }
}
