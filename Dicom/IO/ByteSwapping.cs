using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.IO;

/// <summary>
/// Big endian values swapped per unit (PS3.5 §7.3): 2 bytes for US, SS, OW and each half of AT; 4 for UL, SL, FL,
/// OF, OL; 8 for FD, OD, SV, UV, OV; never strings, OB or UN.
/// </summary>
internal static class ByteSwapping
{
    public static void ToLittleEndian(Span<byte> bytes, DicomVR vr)
    {
        var unit = vr == DicomVR.AT ? 2 : vr.UnitSize;
        if (vr.IsString || unit < 2)
        {
            return;
        }
        var whole = bytes.Length - bytes.Length % unit;
        for (var i = 0; i < whole; i += unit)
        {
            bytes.Slice(i, unit).Reverse();
        }
    }

    /// <summary>Reverses the order of 16-bit words within each group of <paramref name="words"/> words.</summary>
    public static void ReverseWords(Span<byte> bytes, int words)
    {
        var unit = words * 2;
        for (var i = 0; i + unit <= bytes.Length; i += unit)
        {
            for (int a = 0, b = words - 1; a < b; a++, b--)
            {
                var x = bytes.Slice(i + a * 2, 2);
                var y = bytes.Slice(i + b * 2, 2);
                (x[0], y[0]) = (y[0], x[0]);
                (x[1], y[1]) = (y[1], x[1]);
            }
        }
    }
}
