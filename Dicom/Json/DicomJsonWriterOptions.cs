using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.Json;

/// <summary>Choices the DICOM JSON model leaves to the writer (PS3.18 F.2).</summary>
public sealed record DicomJsonWriterOptions
{
    public static DicomJsonWriterOptions Default { get; } = new();

    /// <summary>
    /// Gives a BulkDataURI for a binary value (OB, OD, OF, OL, OV, OW, UN, encapsulated pixel data) or null to write it
    /// inline as base64 (PS3.18 F.2.7). Called with the item and the path of tags leading to it.
    /// </summary>
    public Func<DicomItem, IReadOnlyList<DicomTag>, string?>? BulkDataUri { get; init; }

    /// <summary>Indent the output for people.</summary>
    public bool Indented { get; init; }
}
