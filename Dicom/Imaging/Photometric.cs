namespace CloudFilm.Dicom.Imaging;

/// <summary>Photometric Interpretation (0028,0004) terms as compared here (PS3.3 C.7.6.3.1.2).</summary>
internal static class Photometric
{
    /// <summary>Trims the padding writers leave (space, NUL) and ignores case, which some writers get wrong.</summary>
    public static string Normalize(string value) => value.Trim(' ', '\0').ToUpperInvariant();
}
