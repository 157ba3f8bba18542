using CloudFilm.Archive.Index;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Archive.Ingest;

/// <summary>Which stored copies are compressed to JPEG-LS lossless in the background (queued by the index write).</summary>
public static class ArchiveCompression
{
    /// <summary>Native (uncompressed) syntaxes are compressed; anything already encapsulated is kept as received.</summary>
    public static bool IsCandidate(string transferSyntaxUid) =>
        transferSyntaxUid is DicomUids.ImplicitVRLittleEndian or DicomUids.ExplicitVRLittleEndian;

    /// <summary>Whether an indexed instance is queued for compression: compression is on, it has pixels, stored native.</summary>
    public static bool IsWanted(ArchiveOptions options, InstanceRecord record) =>
        options.Compress && record.HasPixelData && IsCandidate(record.TransferSyntaxUid);
}
