using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Imaging;

/// <summary>Finds one frame in native (uncompressed) Pixel Data (PS3.5 §8.1, PS3.3 C.7.6.3).</summary>
public static class NativeFrames
{
    /// <summary>
    /// Bytes of one native frame. Like <see cref="PixelFormat.FrameLength"/>, except that native YBR_FULL_422
    /// keeps two bytes per pixel (Y1 Y2 Cb Cr per horizontal pair, PS3.3 C.7.6.3.1.2).
    /// </summary>
    public static long FrameLength(PixelFormat format) =>
        IsSubsampled422(format) ? (long)format.Rows * format.Columns * 2 : format.FrameLength;

    /// <summary>How many whole frames <paramref name="pixelDataLength"/> bytes hold (a trailing pad byte is ignored).</summary>
    public static int FrameCount(PixelFormat format, long pixelDataLength)
    {
        if (format.BitsAllocated == 1)
        {
            long bitsPerFrame = (long)format.Rows * format.Columns * format.SamplesPerPixel;
            return bitsPerFrame == 0 ? 0 : (int)Math.Min(int.MaxValue, pixelDataLength * 8 / bitsPerFrame);
        }

        long length = FrameLength(format);
        return length == 0 ? 0 : (int)Math.Min(int.MaxValue, pixelDataLength / length);
    }

    /// <summary>
    /// The bytes of frame <paramref name="index"/> (0-based). A slice of <paramref name="pixelData"/>, except for
    /// 1-bit data whose frame starts mid-byte (frames are packed without padding, PS3.5 §8.1.1): that frame is
    /// copied so it starts at bit 0.
    /// </summary>
    public static ReadOnlySpan<byte> Frame(ReadOnlySpan<byte> pixelData, PixelFormat format, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (format.BitsAllocated == 1)
        {
            return BitFrame(pixelData, format, index);
        }

        long length = FrameLength(format);
        long start = length * index;
        if (start + length > pixelData.Length)
        {
            throw new DicomException(
                $"frame {index} needs bytes {start}..{start + length}; pixel data holds {pixelData.Length} ({FrameCount(format, pixelData.Length)} frames)");
        }

        return pixelData.Slice((int)start, (int)length);
    }

    internal static bool IsSubsampled422(PixelFormat format) =>
        format.SamplesPerPixel == 3 && format.BitsAllocated == 8 &&
        Photometric.Normalize(format.PhotometricInterpretation) is "YBR_FULL_422" or "YBR_PARTIAL_422";

    private static ReadOnlySpan<byte> BitFrame(ReadOnlySpan<byte> pixelData, PixelFormat format, int index)
    {
        long bits = (long)format.Rows * format.Columns * format.SamplesPerPixel;
        long startBit = bits * index;
        long endBit = startBit + bits;
        if ((endBit + 7) / 8 > pixelData.Length)
        {
            throw new DicomException(
                $"frame {index} needs bits {startBit}..{endBit}; pixel data holds {pixelData.Length} bytes ({FrameCount(format, pixelData.Length)} frames)");
        }

        int length = (int)((bits + 7) / 8);
        int startByte = (int)(startBit / 8);
        int shift = (int)(startBit % 8);
        if (shift == 0)
        {
            return pixelData.Slice(startByte, length);
        }

        // Bits are packed least significant first, so each output byte takes the top of one byte and the bottom of the next.
        var copy = new byte[length];
        for (int i = 0; i < length; i++)
        {
            int low = pixelData[startByte + i] >> shift;
            int high = startByte + i + 1 < pixelData.Length ? pixelData[startByte + i + 1] << (8 - shift) : 0;
            copy[i] = (byte)(low | high);
        }

        return copy;
    }
}
