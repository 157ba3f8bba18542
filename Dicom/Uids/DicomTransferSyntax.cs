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
    public static readonly DicomTransferSyntax ImplicitVRLittleEndian = new("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false);
    public static readonly DicomTransferSyntax ExplicitVRLittleEndian = new("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false);
    public static readonly DicomTransferSyntax EncapsulatedUncompressedExplicitVRLittleEndian = new("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian", true, false, false, true);
    public static readonly DicomTransferSyntax DeflatedExplicitVRLittleEndian = new("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false);
    public static readonly DicomTransferSyntax ExplicitVRBigEndian = new("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, false, IsRetired: true);
    public static readonly DicomTransferSyntax JpegBaseline8Bit = new("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax JpegExtended12Bit = new("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax JpegLossless = new("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", true, false, false, true);
    public static readonly DicomTransferSyntax JpegLosslessSV1 = new("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", true, false, false, true);
    public static readonly DicomTransferSyntax JpegLSLossless = new("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression", true, false, false, true);
    public static readonly DicomTransferSyntax JpegLSNearLossless = new("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax Jpeg2000Lossless = new("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", true, false, false, true);
    public static readonly DicomTransferSyntax Jpeg2000 = new("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax Jpeg2000Part2Lossless = new("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)", true, false, false, true);
    public static readonly DicomTransferSyntax Jpeg2000Part2 = new("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax HtJpeg2000Lossless = new("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)", true, false, false, true);
    public static readonly DicomTransferSyntax HtJpeg2000RpclLossless = new("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)", true, false, false, true);
    public static readonly DicomTransferSyntax HtJpeg2000 = new("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax JpipReferenced = new("1.2.840.10008.1.2.4.94", "JPIP Referenced", true, false, false, false);
    public static readonly DicomTransferSyntax JpipReferencedDeflate = new("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", true, false, true, false);
    public static readonly DicomTransferSyntax Mpeg2MainProfile = new("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax Mpeg2HighProfile = new("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax Mpeg4HighProfile = new("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax Mpeg4BDCompatible = new("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax Hevc = new("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", true, false, false, true, IsLossy: true);
    public static readonly DicomTransferSyntax Rle = new("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, true);

    /// <summary>Every transfer syntax known by name.</summary>
    public static IReadOnlyList<DicomTransferSyntax> All { get; } =
    [
        ImplicitVRLittleEndian, ExplicitVRLittleEndian, EncapsulatedUncompressedExplicitVRLittleEndian,
        DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian, JpegBaseline8Bit, JpegExtended12Bit, JpegLossless,
        JpegLosslessSV1, JpegLSLossless, JpegLSNearLossless, Jpeg2000Lossless, Jpeg2000, Jpeg2000Part2Lossless,
        Jpeg2000Part2, HtJpeg2000Lossless, HtJpeg2000RpclLossless, HtJpeg2000, JpipReferenced,
        JpipReferencedDeflate, Mpeg2MainProfile, Mpeg2HighProfile, Mpeg4HighProfile, Mpeg4BDCompatible, Hevc, Rle,
    ];

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
