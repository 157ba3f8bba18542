using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// Renders one native frame for display (PS3.4 Annex N; PS3.3 C.7.6.3, C.11.1, C.11.2, C.7.9): MONOCHROME1/2 through
/// the grayscale pipeline to 1-channel bytes, RGB, YBR_FULL, YBR_FULL_422 and PALETTE COLOR to RGBA.
/// </summary>
public static class FrameRenderer
{
    /// <summary>
    /// Renders <paramref name="frame"/>: native, little-endian samples laid out as <paramref name="format"/> says (see
    /// <see cref="DicomImage"/> or <see cref="DicomPixelData"/> to pick frame N of multi-frame data). Extra trailing
    /// bytes are ignored; too few, or an unsupported layout, throw before anything of the image's size is allocated. A
    /// frame labelled YBR_FULL_422 that holds three bytes per pixel (a decoder's upsampled output) is read as YBR_FULL.
    /// </summary>
    public static RenderedImage Render(
        ReadOnlySpan<byte> frame,
        PixelFormat format,
        RenderingAttributes attributes,
        RenderOptions? options = null)
    {
        options ??= RenderOptions.Default;
        if (format.Rows <= 0 || format.Columns <= 0)
        {
            throw new DicomException($"cannot render a {format.Rows}×{format.Columns} image");
        }

        int pixels = checked(format.Rows * format.Columns);
        string photometric = Photometric.Normalize(format.PhotometricInterpretation);
        switch (photometric)
        {
            case "MONOCHROME1":
            case "MONOCHROME2":
                {
                    RequireSamples(format, 1);
                    RequireBits(format, photometric, 1, 8, 16, 32);
                    RequireLength(frame, format.FrameLength, photometric);
                    var range = GrayscalePipeline.NeedsStoredRange(attributes, options)
                        ? GrayscaleRenderer.FindStoredRange(frame, format, attributes, pixels) ?? FullRange(format)
                        : ((long, long)?)null;
                    var pipeline = GrayscalePipeline.Create(photometric, attributes, options, range);
                    var output = new byte[pixels];
                    GrayscaleRenderer.Render(frame, format, pipeline, output);
                    return new RenderedImage(format.Columns, format.Rows, 1, output);
                }

            case "PALETTE COLOR":
                {
                    RequireSamples(format, 1);
                    RequireBits(format, photometric, 8, 16);
                    var palette = attributes.Palette
                        ?? throw new DicomException("PALETTE COLOR image without Palette Color Lookup Tables");
                    RequireLength(frame, format.FrameLength, photometric);
                    var output = new byte[checked(pixels * 4)];
                    PaletteRenderer.Render(frame, format, palette, output);
                    return new RenderedImage(format.Columns, format.Rows, 4, output);
                }

            case "RGB":
            case "YBR_FULL":
                {
                    RequireSamples(format, 3);
                    RequireBits(format, photometric, 8, 16);
                    RequireLength(frame, format.FrameLength, photometric);
                    var output = new byte[checked(pixels * 4)];
                    ColorRenderer.RenderRgb(frame, format, photometric == "YBR_FULL", output);
                    return new RenderedImage(format.Columns, format.Rows, 4, output);
                }

            case "YBR_FULL_422":
                {
                    RequireSamples(format, 3);
                    RequireBits(format, photometric, 8, 16);
                    // A decoder may hand over every sample for every pixel under the 4:2:2 label; native data keeps two bytes per pixel.
                    bool upsampled = frame.Length >= format.FullResolutionFrameLength;
                    if (!upsampled)
                    {
                        RequireBits(format, "native " + photometric, 8);
                        RequireLength(frame, format.FrameLength, photometric);
                    }

                    var output = new byte[checked(pixels * 4)];
                    if (upsampled)
                    {
                        ColorRenderer.RenderRgb(frame, format, isYbr: true, output);
                    }
                    else
                    {
                        ColorRenderer.RenderYbr422(frame, output);
                    }

                    return new RenderedImage(format.Columns, format.Rows, 4, output);
                }

            default:
                throw new DicomException($"photometric interpretation {photometric} cannot be rendered");
        }
    }

    /// <summary>
    /// Renders one frame of Float (Bits Allocated 32) or Double Float (64) Pixel Data, PS3.3 C.7.6.3.1.4: MONOCHROME1
    /// or MONOCHROME2, one sample, values windowed as they are (after rescale). Without a window the finite minimum
    /// and maximum of the frame span the display; NaN and infinities are black.
    /// </summary>
    public static RenderedImage RenderFloat(
        ReadOnlySpan<byte> frame,
        PixelFormat format,
        RenderingAttributes attributes,
        RenderOptions? options = null)
    {
        options ??= RenderOptions.Default;
        if (format.Rows <= 0 || format.Columns <= 0)
        {
            throw new DicomException($"cannot render a {format.Rows}×{format.Columns} image");
        }

        string photometric = Photometric.Normalize(format.PhotometricInterpretation);
        if (photometric is not ("MONOCHROME1" or "MONOCHROME2") || format.BitsAllocated is not (32 or 64))
        {
            throw new DicomException(
                $"floating point pixel data renders as MONOCHROME1/2 with 32 or 64 bits, not {photometric} with {format.BitsAllocated}");
        }

        RequireSamples(format, 1);
        RequireLength(frame, format.FrameLength, photometric);
        var output = new byte[checked(format.Rows * format.Columns)];
        FloatFrameRenderer.Render(frame, format, photometric, attributes, options, output);
        return new RenderedImage(format.Columns, format.Rows, 1, output);
    }

    private static (long, long) FullRange(PixelFormat format)
    {
        var decoder = new StoredValueDecoder(format);
        return (decoder.MinValue, decoder.MaxValue);
    }

    private static void RequireSamples(PixelFormat format, int samples)
    {
        if (format.SamplesPerPixel != samples)
        {
            throw new DicomException(
                $"{format.PhotometricInterpretation} needs {samples} sample(s) per pixel, not {format.SamplesPerPixel}");
        }
    }

    private static void RequireBits(PixelFormat format, string photometric, params ReadOnlySpan<int> supported)
    {
        if (!supported.Contains(format.BitsAllocated))
        {
            throw new DicomException(
                $"{photometric} rendering supports {string.Join(", ", supported.ToArray())} bits allocated, not {format.BitsAllocated}");
        }
    }

    private static void RequireLength(ReadOnlySpan<byte> frame, long needed, string photometric)
    {
        if (frame.Length < needed)
        {
            throw new DicomException($"{photometric} frame needs {needed} bytes; {frame.Length} given");
        }
    }
}
