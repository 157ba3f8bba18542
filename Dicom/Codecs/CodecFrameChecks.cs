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
        if (frame.Length < format.FrameLength)
        {
            throw new ArgumentException($"frame holds {frame.Length} bytes, the format needs {format.FrameLength}", nameof(frame));
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
