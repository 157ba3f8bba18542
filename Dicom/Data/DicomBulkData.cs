namespace CloudFilm.Dicom.Data;

/// <summary>
/// Which values of a metadata answer are sent as bulk data references instead of inline (PS3.18 F.2.6 BulkDataURI,
/// PS3.19 A.1.5 BulkData uri), shared by the JSON and XML writers.
/// </summary>
public static class DicomBulkData
{
    /// <summary>
    /// Whether the standard lets this item be bulk data: OB, OD, OF, OL, OV, OW, UN and encapsulated pixel data, and
    /// DS, FL, FD, IS, LT, SL, SS, ST, SV, UC, UL, US, UT, UV (PS3.18 F.2.2). Never sequences, PN, dates or UIDs.
    /// </summary>
    public static bool MayBeBulkData(DicomItem item) => item switch
    {
        DicomFragmentSequence => true,
        DicomElement e => e.VR.Kind is DicomVRKind.Bulk or DicomVRKind.Binary && e.VR != DicomVR.AT
            || e.VR.Code is "DS" or "IS" or "LT" or "ST" or "UC" or "UT",
        _ => false,
    };

    /// <summary>
    /// The usual WADO-RS choice (PS3.18 10.4.1.1.3): a URI for every OB, OD, OF, OL, OV, OW and UN value and for
    /// encapsulated pixel data, and for other eligible values of at least <paramref name="minimumLength"/> bytes
    /// (long LUTs, waveforms, big text); everything else inline. The URI is <paramref name="prefix"/> followed by the
    /// <see cref="DicomAttributePath"/> text, e.g. <c>…/instances/1.2.3/bulkdata/00081140/0/00091001</c>.
    /// </summary>
    public static Func<DicomItem, DicomAttributePath, string?> UriUnder(string prefix, long minimumLength = 1024) =>
        (item, path) => item switch
        {
            DicomFragmentSequence => prefix + path,
            DicomElement { VR.Kind: DicomVRKind.Bulk } => prefix + path,
            DicomElement e when e.Length >= minimumLength && MayBeBulkData(e) => prefix + path,
            _ => null,
        };
}
