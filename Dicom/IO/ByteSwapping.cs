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
}
