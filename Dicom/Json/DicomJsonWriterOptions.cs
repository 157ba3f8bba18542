using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.Json;

/// <summary>Choices the DICOM JSON model leaves to the writer (PS3.18 F.2).</summary>
public sealed record DicomJsonWriterOptions
{
    public static DicomJsonWriterOptions Default { get; } = new();

    /// <summary>
    /// Gives the BulkDataURI of a value (PS3.18 F.2.6), or null to write it inline. Asked for every value the standard
    /// lets be bulk data (PS3.18 F.2.2): OB, OD, OF, OL, OV, OW, UN and encapsulated pixel data, and DS, FL, FD, IS, LT,
    /// SL, SS, ST, SV, UC, UL, US, UT, UV (decide by <see cref="DicomElement.Length"/>). Called with the item and where
    /// it sits; <see cref="DicomBulkData.UriUnder"/> is the usual choice.
    /// </summary>
    public Func<DicomItem, DicomAttributePath, string?>? BulkDataUri { get; init; }

    /// <summary>
    /// Only these top-level attributes are written (QIDO-RS includefield, PS3.18 8.3.4.3); null writes all. A
    /// sequence comes whole, and the Private Creator of an included private element comes with it, so its block
    /// keeps its meaning (PS3.5 7.8.1).
    /// </summary>
    public IReadOnlySet<DicomTag>? IncludeTags { get; init; }

    /// <summary>Indent the output for people.</summary>
    public bool Indented { get; init; }
}
