namespace CloudFilm.Dicom.Codecs.JpegLs;

/// <summary>Marker codes used by JPEG-LS streams (T.87 Table C.1, T.81 Table B.1).</summary>
internal static class JpegLsMarkers
{
    public const byte Soi = 0xD8;
    public const byte Eoi = 0xD9;
    public const byte Sos = 0xDA;
    public const byte Dri = 0xDD;
    public const byte Sof55 = 0xF7;
    public const byte Lse = 0xF8;
    public const byte Com = 0xFE;
}
