using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.Json;

/// <summary>Choices for turning DICOM JSON back into a data set (PS3.18 F.2).</summary>
public sealed record DicomJsonReaderOptions
{
    public static DicomJsonReaderOptions Default { get; } = new();

    /// <summary>
    /// Fetches the bytes behind a BulkDataURI (PS3.18 F.2.6). Without it, such elements are kept with an empty
    /// value: the JSON does not hold their bytes.
    /// </summary>
    public Func<string, DicomTag, DicomVR, ReadOnlyMemory<byte>>? ResolveBulkData { get; init; }
}
