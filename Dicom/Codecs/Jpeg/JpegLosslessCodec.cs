using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Codecs.Jpeg;

/// <summary>
/// Lossless JPEG (T.81 Annex H, process 14) for DICOM: 1.2.840.10008.1.2.4.57 (any predictor) and
/// 1.2.840.10008.1.2.4.70 (selection value 1), PS3.5 §8.2.1, A.4.1. Decodes predictors 1–7 with point transform and
/// restart intervals; encodes selection value 1, point transform 0 (valid for both syntaxes). 2–16 bits in 8 or 16
/// bits allocated, 1 or 3 samples; output interleaved, signed samples sign-extended from Bits Stored.
/// </summary>
public sealed class JpegLosslessCodec : IPixelCodec
{
    /// <summary>The codec for .4.70 (selection value 1).</summary>
    public JpegLosslessCodec()
        : this(DicomUids.JPEGLosslessSV1)
    {
    }

    public JpegLosslessCodec(string transferSyntaxUid)
        : this(transferSyntaxUid, new JpegLosslessOptions())
    {
    }

    public JpegLosslessCodec(string transferSyntaxUid, JpegLosslessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RestartRows < 0)
        {
            throw new ArgumentException("restart rows must not be negative", nameof(options));
        }

        _options = options;
        if (transferSyntaxUid is not (DicomUids.JPEGLossless or DicomUids.JPEGLosslessSV1))
        {
            throw new ArgumentException($"not a lossless JPEG transfer syntax: {transferSyntaxUid}", nameof(transferSyntaxUid));
        }

        TransferSyntaxUid = transferSyntaxUid;
    }

    private readonly JpegLosslessOptions _options;

    public string TransferSyntaxUid { get; }

    public bool CanEncode => true;

    /// <inheritdoc />
    public PixelFormat Decode(ReadOnlySpan<byte> frame, PixelFormat format, Span<byte> destination)
    {
        var output = Probe(frame, format);
        CodecFrameChecks.RequireDestination(output, destination);
        JpegLosslessDecoder.Decode(frame, output, destination);
        return output;
    }

    /// <inheritdoc />
    public PixelFormat Probe(ReadOnlySpan<byte> frame, PixelFormat format)
    {
        Check(format);
        var header = CodestreamHeader.ReadJpeg(frame, "JPEG lossless");
        header.RequireGeometry(format, "JPEG lossless");
        CodecFrameChecks.RequirePrecision(header, format, "JPEG lossless", 2, 16);
        return CodecFrameChecks.Decoded(format, "JPEG lossless");
    }

    /// <inheritdoc />
    public EncodedFrame Encode(ReadOnlySpan<byte> frame, PixelFormat format)
    {
        Check(format);
        CodecFrameChecks.RequireSource(format, frame);
        if ((long)_options.RestartRows * format.Columns > ushort.MaxValue)
        {
            throw new DicomCodecException($"JPEG lossless: a restart interval of {_options.RestartRows} rows exceeds 65535 samples");
        }

        return new EncodedFrame(JpegLosslessEncoder.Encode(frame, format, _options.RestartRows), format with { Planar = PlanarConfiguration.Interleaved });
    }

    private static void Check(PixelFormat format)
    {
        CodecFrameChecks.RequireGeometry(format, "JPEG lossless");
        if (format.BitsAllocated is not (8 or 16) || format.Rows > 65535 || format.Columns > 65535)
        {
            throw new DicomCodecException($"JPEG lossless: {format.BitsAllocated} bits allocated, {format.Columns}x{format.Rows} not supported");
        }
    }
}
