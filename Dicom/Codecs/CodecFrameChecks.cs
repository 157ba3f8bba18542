using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Codecs;

/// <summary>Argument checks every codec makes before touching a frame, so bad calls fail with one clear message.</summary>
internal static class CodecFrameChecks
{
    public static void RequireDestination(PixelFormat format, Span<byte> destination)
    {
        if (destination.Length < format.FrameLength)
        {
            throw new ArgumentException(
                $"destination holds {destination.Length} bytes, the frame needs {format.FrameLength}", nameof(destination));
        }
    }

    public static void RequireSource(PixelFormat format, ReadOnlySpan<byte> frame)
    {
        if (format.IsChromaSubsampled)
        {
            throw new DicomCodecException(
                $"native {format.PhotometricInterpretation.Trim()} keeps chroma for every second pixel; convert it to YBR_FULL or RGB before encoding");
        }

        if (frame.Length < format.FrameLength)
        {
            throw new ArgumentException($"frame holds {frame.Length} bytes, the format needs {format.FrameLength}", nameof(frame));
        }
    }

    /// <summary>
    /// The format a full-resolution codestream decodes to: interleaved, and a YBR_FULL_422 label (which describes how
    /// the source was subsampled before compression, PS3.3 C.7.6.3.1.2) becomes YBR_FULL with every sample present.
    /// </summary>
    public static PixelFormat Decoded(PixelFormat format, string codec)
    {
        var output = format with { Planar = PlanarConfiguration.Interleaved };
        if (!output.IsChromaSubsampled)
        {
            return output;
        }

        if (output.PhotometricInterpretation.Trim(' ', '\0').Equals("YBR_FULL_422", StringComparison.OrdinalIgnoreCase))
        {
            return output with { PhotometricInterpretation = "YBR_FULL" };
        }

        throw new DicomCodecException($"{codec}: {output.PhotometricInterpretation.Trim()} is not supported");
    }

    /// <summary>The precision a lossless codestream declares must fit the data set's Bits Allocated.</summary>
    public static void RequirePrecision(CodestreamHeader header, PixelFormat format, string codec, int min, int max)
    {
        if (header.Precision < min || header.Precision > max || header.Precision > format.BitsAllocated)
        {
            throw new DicomFormatException(
                $"{codec} codestream has {header.Precision}-bit samples, the data set allocates {format.BitsAllocated}", 0);
        }
    }

    public static void RequireGeometry(PixelFormat format, string codec)
    {
        if (format.Rows <= 0 || format.Columns <= 0)
        {
            throw new DicomCodecException($"{codec}: image of {format.Rows}x{format.Columns} pixels");
        }

        if (format.SamplesPerPixel is not (1 or 3))
        {
            throw new DicomCodecException($"{codec}: {format.SamplesPerPixel} samples per pixel not supported");
        }

        if (format.BitsStored < 1 || format.BitsStored > format.BitsAllocated)
        {
            throw new DicomCodecException($"{codec}: bits stored {format.BitsStored} with bits allocated {format.BitsAllocated}");
        }
    }
}
