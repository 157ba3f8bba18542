using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.Xml;

/// <summary>Choices the Native DICOM Model leaves to the writer (PS3.19 A.1).</summary>
public sealed record DicomXmlWriterOptions
{
    public static DicomXmlWriterOptions Default { get; } = new();

    /// <summary>
    /// Gives the uri of a BulkData element (PS3.19 A.1.5), or null to write the value as InlineBinary. Asked for the
    /// same values as the JSON writer's (<see cref="DicomBulkData.MayBeBulkData"/>); <see cref="DicomBulkData.UriUnder"/>
    /// is the usual choice.
    /// </summary>
    public Func<DicomItem, DicomAttributePath, string?>? BulkDataUri { get; init; }

    /// <summary>Only these top-level attributes are written (QIDO-RS includefield, PS3.18 8.3.4.3); null writes all.</summary>
    public IReadOnlySet<DicomTag>? IncludeTags { get; init; }

    /// <summary>Indent the output for people.</summary>
    public bool Indented { get; init; }
}
