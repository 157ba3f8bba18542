using System.Buffers;
using System.Buffers.Binary;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// Renders three-sample frames (RGB, YBR_FULL, native YBR_FULL_422) to RGBA, interleaved or planar (PS3.3 C.7.6.3.1.3).
/// Samples wider than 8 bits are scaled to 0..255 over their Bits Stored range.
/// </summary>
internal static class ColorRenderer
{
    public static void RenderRgb(ReadOnlySpan<byte> frame, PixelFormat format, bool isYbr, Span<byte> destination)
    {
        int pixels = destination.Length / 4;
        bool planar = format.Planar == PlanarConfiguration.Planar;
        if (!isYbr && !planar && format.BitsAllocated == 8 && format.BitsStored == 8)
        {
            // The common case (RGB from scanners, secondary capture, decoded JPEG): a straight copy with alpha added.
            for (int i = 0, s = 0, o = 0; i < pixels; i++, s += 3, o += 4)
            {
                destination[o] = frame[s];
                destination[o + 1] = frame[s + 1];
                destination[o + 2] = frame[s + 2];
                destination[o + 3] = 0xFF;
            }

            return;
        }

        byte[] scale = ArrayPool<byte>.Shared.Rent(1 << format.BitsAllocated);
        try
        {
            FillSampleScale(format, scale);
            bool wide = format.BitsAllocated == 16;
            int step = planar ? pixels : 1;
            for (int i = 0; i < pixels; i++)
            {
                int first = planar ? i : 3 * i;
                byte a = Sample(frame, first, wide, scale);
                byte b = Sample(frame, first + step, wide, scale);
                byte c = Sample(frame, first + 2 * step, wide, scale);
                if (isYbr)
                {
                    (a, b, c) = YbrFullConversion.ToRgb(a, b, c);
                }

                int o = 4 * i;
                destination[o] = a;
                destination[o + 1] = b;
                destination[o + 2] = c;
                destination[o + 3] = 0xFF;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scale);
        }
    }

    /// <summary>Native YBR_FULL_422: Y1 Y2 Cb Cr for each horizontal pair of pixels, 8 bits, interleaved.</summary>
    public static void RenderYbr422(ReadOnlySpan<byte> frame, Span<byte> destination)
    {
        int pixels = destination.Length / 4;
        for (int i = 0; i < pixels; i += 2)
        {
            int s = 2 * i;
            byte cb = frame[s + 2];
            byte cr = frame[s + 3];
            Write(destination, i, YbrFullConversion.ToRgb(frame[s], cb, cr));
            if (i + 1 < pixels)
            {
                Write(destination, i + 1, YbrFullConversion.ToRgb(frame[s + 1], cb, cr));
            }
        }
    }

    private static void Write(Span<byte> destination, int pixel, (byte R, byte G, byte B) rgb)
    {
        int o = 4 * pixel;
        destination[o] = rgb.R;
        destination[o + 1] = rgb.G;
        destination[o + 2] = rgb.B;
        destination[o + 3] = 0xFF;
    }

    private static byte Sample(ReadOnlySpan<byte> frame, int index, bool wide, byte[] scale) =>
        wide ? scale[BinaryPrimitives.ReadUInt16LittleEndian(frame.Slice(2 * index, 2))] : scale[frame[index]];

    /// <summary>Raw sample pattern → 8-bit value: mask to Bits Stored, then scale its full range onto 0..255.</summary>
    private static void FillSampleScale(PixelFormat format, byte[] table)
    {
        // Colour samples are unsigned whatever Pixel Representation says; a signed colour image has no defined meaning.
        var decoder = new StoredValueDecoder(format with { IsSigned = false });
        long max = decoder.MaxValue;
        int patterns = 1 << format.BitsAllocated;
        for (int raw = 0; raw < patterns; raw++)
        {
            long value = decoder.Decode((uint)raw);
            table[raw] = (byte)((value * 255 + max / 2) / max);
        }
    }
}
