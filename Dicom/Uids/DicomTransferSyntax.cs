namespace CloudFilm.Dicom.Uids;

/// <summary>
/// A transfer syntax (PS3.5 §10, Annex A; UIDs from PS3.6 Annex A): byte order, VR encoding, deflate, and whether
/// pixel data is encapsulated. Known syntaxes are shared instances; unknown UIDs are treated as encapsulated
/// explicit VR little endian, which is how every non-native syntax encodes its data set (PS3.5 §A.4).
/// </summary>
public sealed record DicomTransferSyntax(
    string Uid,
    string Name,
    bool IsExplicitVR,
    bool IsBigEndian,
    bool IsDeflated,
    bool IsEncapsulated,
    bool IsLossy = false,
    bool IsRetired = false)
{
    public static readonly DicomTransferSyntax ImplicitVRLittleEndian = new(DicomUids.ImplicitVRLittleEndian, "Implicit VR Little Endian", false, false, false, false);
    public static readonly DicomTransferSyntax ExplicitVRLittleEndian = new(DicomUids.ExplicitVRLittleEndian, "Explicit VR Little Endian", true, false, false, false);
    public static readonly DicomTransferSyntax EncapsulatedUncompressedExplicitVRLittleEndian = new(DicomUids.EncapsulatedUncompressedExplicitVRLittleEndian, "Encapsulated Uncompressed Explicit VR Little Endian", true, false, false, true);
    public static readonly DicomTransferSyntax DeflatedExplicitVRLittleEndian = new(DicomUids.DeflatedExplicitVRLittleEndian, "Deflated Explicit VR Little Endian", true, false, true, false);
    public static readonly DicomTransferSyntax ExplicitVRBigEndian = new(DicomUids.ExplicitVRBigEndian, "Explicit VR Big Endian", true, true, false, false, IsRetired: true);
    public static readonly DicomTransferSyntax JPEGBaseline8Bit = new(DicomUids.JPEGBaseline8Bit, "JPEG Baseline (Process 1)", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax JPEGExtended12Bit = new(DicomUids.JPEGExtended12Bit, "JPEG Extended (Process 2 & 4)", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax JPEGLossless = new(DicomUids.JPEGLossless, "JPEG Lossless, Non-Hierarchical (Process 14)", true, false, false, true);
    public static readonly DicomTransferSyntax JPEGLosslessSV1 = new(DicomUids.JPEGLosslessSV1, "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", true, false, false, true);
    public static readonly DicomTransferSyntax JPEGLSLossless = new(DicomUids.JPEGLSLossless, "JPEG-LS Lossless Image Compression", true, false, false, true);
    public static readonly DicomTransferSyntax JPEGLSNearLossless = new(DicomUids.JPEGLSNearLossless, "JPEG-LS Lossy (Near-Lossless) Image Compression", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax JPEG2000Lossless = new(DicomUids.JPEG2000Lossless, "JPEG 2000 Image Compression (Lossless Only)", true, false, false, true);
    public static readonly DicomTransferSyntax JPEG2000 = new(DicomUids.JPEG2000, "JPEG 2000 Image Compression", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax JPEG2000MCLossless = new(DicomUids.JPEG2000MCLossless, "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)", true, false, false, true);
    public static readonly DicomTransferSyntax JPEG2000MC = new(DicomUids.JPEG2000MC, "JPEG 2000 Part 2 Multi-component Image Compression", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax HTJ2KLossless = new(DicomUids.HTJ2KLossless, "High-Throughput JPEG 2000 Image Compression (Lossless Only)", true, false, false, true);
    public static readonly DicomTransferSyntax HTJ2KLosslessRPCL = new(DicomUids.HTJ2KLosslessRPCL, "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)", true, false, false, true);
    public static readonly DicomTransferSyntax HTJ2K = new(DicomUids.HTJ2K, "High-Throughput JPEG 2000 Image Compression", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax JPIPReferenced = new(DicomUids.JPIPReferenced, "JPIP Referenced", true, false, false, false);
    public static readonly DicomTransferSyntax JPIPReferencedDeflate = new(DicomUids.JPIPReferencedDeflate, "JPIP Referenced Deflate", true, false, true, false);
    public static readonly DicomTransferSyntax MPEG2MPML = new(DicomUids.MPEG2MPML, "MPEG2 Main Profile / Main Level", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax MPEG2MPHL = new(DicomUids.MPEG2MPHL, "MPEG2 Main Profile / High Level", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax MPEG4HP41 = new(DicomUids.MPEG4HP41, "MPEG-4 AVC/H.264 High Profile / Level 4.1", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax MPEG4HP41BD = new(DicomUids.MPEG4HP41BD, "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax HEVCMP51 = new(DicomUids.HEVCMP51, "HEVC/H.265 Main Profile / Level 5.1", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax RLELossless = new(DicomUids.RLELossless, "RLE Lossless", true, false, false, true);

    /// <summary>Every transfer syntax known by name.</summary>
    public static IReadOnlyList<DicomTransferSyntax> All { get; } =
    [
        ImplicitVRLittleEndian, ExplicitVRLittleEndian, EncapsulatedUncompressedExplicitVRLittleEndian,
        DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian, JPEGBaseline8Bit, JPEGExtended12Bit, JPEGLossless,
        JPEGLosslessSV1, JPEGLSLossless, JPEGLSNearLossless, JPEG2000Lossless, JPEG2000, JPEG2000MCLossless,
        JPEG2000MC, HTJ2KLossless, HTJ2KLosslessRPCL, HTJ2K, JPIPReferenced,
        JPIPReferencedDeflate, MPEG2MPML, MPEG2MPHL, MPEG4HP41, MPEG4HP41BD, HEVCMP51, RLELossless,
    ];

    /// <summary>
    /// The uncompressed little endian syntaxes, explicit VR first: the ones every application must be able to use for
    /// queries, and the default offer and acceptance in association negotiation (PS3.5 §10.1, PS3.8 9.3.2.2).
    /// </summary>
    public static IReadOnlyList<string> UncompressedLittleEndianUids { get; } = [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian];

    private static readonly Dictionary<string, DicomTransferSyntax> ByUid = All.ToDictionary(t => t.Uid, StringComparer.Ordinal);

    /// <summary>Native pixel data: neither encapsulated nor in a JPIP reference.</summary>
    public bool IsNative => !IsEncapsulated;

    /// <summary>
    /// The syntax for a UID. An unknown UID gives an encapsulated explicit VR little endian syntax, so the data set
    /// still reads and its pixel data is kept as fragments.
    /// </summary>
    public static DicomTransferSyntax Lookup(string uid)
    {
        var trimmed = uid.TrimEnd('\0', ' ');
        return ByUid.TryGetValue(trimmed, out var known)
            ? known
            : new DicomTransferSyntax(trimmed, $"Unknown ({trimmed})", true, false, false, true);
    }

    /// <summary>Whether the UID names a transfer syntax listed here.</summary>
    public static bool IsKnown(string uid) => ByUid.ContainsKey(uid.TrimEnd('\0', ' '));

    public override string ToString() => $"{Name} [{Uid}]";
}
