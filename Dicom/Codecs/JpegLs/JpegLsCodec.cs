using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Codecs.JpegLs;

/// <summary>
/// JPEG-LS (ITU-T T.87) for DICOM: lossless 1.2.840.10008.1.2.4.80 and near-lossless 1.2.840.10008.1.2.4.81
/// (PS3.5 §8.2.3, A.4.3). Handles 2–16 bits stored in 8 or 16 bits allocated, 1 or 3 samples; decodes interleave
/// modes 0, 1 and 2 and restart intervals, encodes line interleave. Signed samples are masked to Bits Stored before coding and
/// sign-extended after decoding (T.87 knows no sign). Decoded frames are always interleaved (Planar Configuration 0).
/// </summary>
public sealed class JpegLsCodec : IPixelCodec
{
    private readonly int _near;
    private readonly int _restartInterval;

    /// <summary>The lossless codec (.4.80).</summary>
    public JpegLsCodec()
        : this(DicomUids.JPEGLSLossless, new JpegLsOptions())
    {
    }

    /// <summary>A codec for <paramref name="transferSyntaxUid"/> (.4.80 or .4.81) with the given encoder options.</summary>
    public JpegLsCodec(string transferSyntaxUid, JpegLsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (transferSyntaxUid is not (DicomUids.JPEGLSLossless or DicomUids.JPEGLSNearLossless))
        {
            throw new ArgumentException($"not a JPEG-LS transfer syntax: {transferSyntaxUid}", nameof(transferSyntaxUid));
        }

        if (options.NearLossless is < 0 or > 255 || (transferSyntaxUid == DicomUids.JPEGLSLossless && options.NearLossless != 0))
        {
            throw new ArgumentException($"NEAR {options.NearLossless} not allowed for {transferSyntaxUid}", nameof(options));
        }

        if (options.RestartInterval is < 0 or > ushort.MaxValue)
        {
            throw new ArgumentException($"restart interval {options.RestartInterval} out of range 0..65535", nameof(options));
        }

        TransferSyntaxUid = transferSyntaxUid;
        _near = options.NearLossless;
        _restartInterval = options.RestartInterval;
    }

    public string TransferSyntaxUid { get; }

    public bool CanEncode => true;

    /// <inheritdoc />
    public PixelFormat Decode(ReadOnlySpan<byte> frame, PixelFormat format, Span<byte> destination)
    {
        var output = Probe(frame, format);
        CodecFrameChecks.RequireDestination(output, destination);
        JpegLsDecoder.Decode(frame, output, destination);
        return output;
    }

    /// <inheritdoc />
    public PixelFormat Probe(ReadOnlySpan<byte> frame, PixelFormat format)
    {
        CheckFormat(format);
        var header = CodestreamHeader.ReadJpeg(frame, "JPEG-LS");
        if (header.Marker != 0xF7)
        {
            throw new DicomFormatException($"JPEG-LS frame starts with SOF marker FF{header.Marker:X2}, not SOF55", 0);
        }

        header.RequireGeometry(format, "JPEG-LS");
        CodecFrameChecks.RequirePrecision(header, format, "JPEG-LS", 2, 16);
        return CodecFrameChecks.Decoded(format, "JPEG-LS");
    }

    /// <inheritdoc />
    public EncodedFrame Encode(ReadOnlySpan<byte> frame, PixelFormat format)
    {
        CheckFormat(format);
        CodecFrameChecks.RequireSource(format, frame);
        int near = format.IsSigned ? 0 : Math.Min(_near, ((1 << Math.Max(2, format.BitsStored)) - 1) / 2);
        var data = JpegLsEncoder.Encode(frame, format, near, _restartInterval);
        return new EncodedFrame(data, format with { Planar = PlanarConfiguration.Interleaved }, IsLossy: near > 0);
    }

    private static void CheckFormat(PixelFormat format)
    {
        CodecFrameChecks.RequireGeometry(format, "JPEG-LS");
        if (format.BitsAllocated is not (8 or 16) || format.BitsStored > 16)
        {
            throw new DicomCodecException($"JPEG-LS: {format.BitsAllocated} bits allocated not supported");
        }

        if (format.Rows > 65535 || format.Columns > 65535)
        {
            throw new DicomCodecException("JPEG-LS: images above 65535 pixels a side are not supported");
        }
    }
}
