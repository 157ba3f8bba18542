namespace CloudFilm.Dicom;

/// <summary>Marker for the CloudFilm DICOM toolkit assembly.</summary>
public static class DicomToolkit
{
    /// <summary>Implementation version name sent in associations and written to file meta headers (PS3.7 D.3.3.2).</summary>
    public const string ImplementationVersionName = "CLOUDFILM_010";
}
