using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Codecs;

/// <summary>
/// The codecs this toolkit has, by transfer syntax UID. Native (uncompressed) syntaxes need no codec; any other
/// syntax without an entry here is reported as unsupported rather than decoded into garbage.
/// </summary>
public static class PixelCodecRegistry
{
    private static readonly Dictionary<string, IPixelCodec> Codecs = Create();

    private static Dictionary<string, IPixelCodec> Create()
    {
        IPixelCodec[] all =
        [
            new Rle.RleCodec(),
            new JpegLs.JpegLsCodec(),
            new JpegLs.JpegLsCodec(DicomUids.JPEGLSNearLossless, new JpegLs.JpegLsOptions { NearLossless = 2 }),
            new Jpeg.JpegLosslessCodec(DicomUids.JPEGLossless),
            new Jpeg.JpegLosslessCodec(DicomUids.JPEGLosslessSV1),
            new Jpeg.JpegBaselineCodec(DicomUids.JPEGBaseline8Bit),
            new Jpeg.JpegBaselineCodec(DicomUids.JPEGExtended12Bit),
            new Jpeg2000.Jpeg2000Codec(DicomUids.JPEG2000Lossless),
            new Jpeg2000.Jpeg2000Codec(DicomUids.JPEG2000),
        ];
        return all.ToDictionary(c => c.TransferSyntaxUid, StringComparer.Ordinal);
    }

    /// <summary>The codec for a transfer syntax, or null when there is none.</summary>
    public static IPixelCodec? Find(string transferSyntaxUid) => Codecs.GetValueOrDefault(transferSyntaxUid);

    /// <summary>The codec for a transfer syntax; throws "unsupported transfer syntax &lt;uid&gt;" when there is none.</summary>
    public static IPixelCodec Get(string transferSyntaxUid) =>
        Find(transferSyntaxUid) ?? throw new DicomCodecException($"unsupported transfer syntax {transferSyntaxUid}");
}
