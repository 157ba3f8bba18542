using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Codecs.Jpeg;

/// <summary>
/// Lossy sequential JPEG decoding for DICOM (PS3.5 §8.2.1, A.4.1; T.81 Annex F): baseline 8-bit
/// 1.2.840.10008.1.2.4.50 and extended 12-bit 1.2.840.10008.1.2.4.51. Colour labelled YBR_FULL or YBR_FULL_422 comes
/// out as interleaved RGB (the returned format says so); RGB-labelled data is returned without conversion, because
/// the Photometric Interpretation, not a JFIF or Adobe marker, decides what the samples are. Decode only.
/// </summary>
public sealed class JpegBaselineCodec : IPixelCodec
{
    public JpegBaselineCodec()
        : this(DicomUids.JPEGBaseline8Bit)
    {
    }

    public JpegBaselineCodec(string transferSyntaxUid)
    {
        if (transferSyntaxUid is not (DicomUids.JPEGBaseline8Bit or DicomUids.JPEGExtended12Bit))
        {
            throw new ArgumentException($"not a sequential JPEG transfer syntax: {transferSyntaxUid}", nameof(transferSyntaxUid));
        }

        TransferSyntaxUid = transferSyntaxUid;
    }

    public string TransferSyntaxUid { get; }

    public bool CanEncode => false;

    /// <inheritdoc />
    public PixelFormat Decode(ReadOnlySpan<byte> frame, PixelFormat format, Span<byte> destination)
    {
        var output = Probe(frame, format);
        CodecFrameChecks.RequireDestination(output, destination);
        return JpegBaselineDecoder.Decode(frame, format, destination);
    }

    /// <inheritdoc />
    public PixelFormat Probe(ReadOnlySpan<byte> frame, PixelFormat format)
    {
        CodecFrameChecks.RequireGeometry(format, "JPEG");
        if (format.BitsAllocated is not (8 or 16) || format.Rows > 65535 || format.Columns > 65535)
        {
            throw new DicomCodecException($"JPEG: {format.BitsAllocated} bits allocated, {format.Columns}x{format.Rows} not supported");
        }

        var header = CodestreamHeader.ReadJpeg(frame, "JPEG");
        header.RequireGeometry(format, "JPEG");
        CodecFrameChecks.RequirePrecision(header, format, "JPEG", 8, 12);
        // Colour labelled YBR comes out as RGB (see the type's remarks), every sample for every pixel.
        bool ybr = header.Components == 3 && format.PhotometricInterpretation.TrimStart().StartsWith("YBR", StringComparison.Ordinal);
        return ybr ? format.WithPhotometric("RGB", PlanarConfiguration.Interleaved) : format with { Planar = PlanarConfiguration.Interleaved };
    }

    /// <inheritdoc />
    public EncodedFrame Encode(ReadOnlySpan<byte> frame, PixelFormat format) =>
        throw new DicomCodecException($"encoding {TransferSyntaxUid} (lossy JPEG) is not supported");
}
