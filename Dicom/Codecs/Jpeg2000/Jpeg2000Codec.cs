using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Codecs.Jpeg2000;

/// <summary>
/// JPEG 2000 decoding for DICOM (PS3.5 §8.2.4, A.4.4): lossless-only 1.2.840.10008.1.2.4.90 and
/// 1.2.840.10008.1.2.4.91, through the native OpenJPEG library. Without libopenjp2 on the machine, decoding throws
/// "JPEG 2000 codec not available: libopenjp2 not found". Decode only.
/// </summary>
public sealed class Jpeg2000Codec : IPixelCodec
{
    public Jpeg2000Codec()
        : this(DicomUids.JPEG2000Lossless)
    {
    }

    public Jpeg2000Codec(string transferSyntaxUid)
        : this(transferSyntaxUid, () => OpenJpegLibrary.Instance)
    {
    }

    /// <summary>With a chosen library source, so tests can stand in for a machine without OpenJPEG.</summary>
    internal Jpeg2000Codec(string transferSyntaxUid, Func<OpenJpegLibrary?> library)
    {
        _library = library;
        if (transferSyntaxUid is not (DicomUids.JPEG2000Lossless or DicomUids.JPEG2000))
        {
            throw new ArgumentException($"not a JPEG 2000 transfer syntax: {transferSyntaxUid}", nameof(transferSyntaxUid));
        }

        TransferSyntaxUid = transferSyntaxUid;
    }

    private readonly Func<OpenJpegLibrary?> _library;

    public string TransferSyntaxUid { get; }

    public bool CanEncode => false;

    /// <summary>Whether libopenjp2 could be loaded on this machine.</summary>
    public static bool IsAvailable => OpenJpegLibrary.Instance is not null;

    /// <inheritdoc />
    public PixelFormat Decode(ReadOnlySpan<byte> frame, PixelFormat format, Span<byte> destination)
    {
        var library = _library() ?? throw new DicomCodecException("JPEG 2000 codec not available: libopenjp2 not found");
        var output = Probe(frame, format);
        CodecFrameChecks.RequireDestination(output, destination);
        return Jpeg2000Decoder.Decode(library, frame, output, destination);
    }

    /// <inheritdoc />
    public PixelFormat Probe(ReadOnlySpan<byte> frame, PixelFormat format)
    {
        CodecFrameChecks.RequireGeometry(format, "JPEG 2000");
        if (format.BitsAllocated is not (8 or 16 or 32))
        {
            throw new DicomCodecException($"JPEG 2000: {format.BitsAllocated} bits allocated not supported");
        }

        var header = CodestreamHeader.ReadJpeg2000(frame);
        header.RequireGeometry(format, "JPEG 2000", allowExtraComponents: true);
        CodecFrameChecks.RequirePrecision(header, format, "JPEG 2000", 1, 32);
        return CodecFrameChecks.Decoded(format, "JPEG 2000");
    }

    /// <inheritdoc />
    public EncodedFrame Encode(ReadOnlySpan<byte> frame, PixelFormat format) =>
        throw new DicomCodecException($"encoding {TransferSyntaxUid} (JPEG 2000) is not supported");
}
