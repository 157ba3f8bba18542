using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// Frames of native YBR_FULL_422 Pixel Data, which keep two bytes per pixel (Y1 Y2 Cb Cr per horizontal pair,
/// PS3.3 C.7.6.3.1.2) rather than the three that Samples per Pixel suggests. Other layouts go through
/// <see cref="DicomPixelData"/>.
/// </summary>
internal static class NativeFrames
{
    /// <summary>Whole Y1 Y2 Cb Cr groups: an odd pixel count (odd columns, which the standard forbids) still needs a full last group.</summary>
    public static long FrameLength(PixelFormat format) =>
        IsSubsampled422(format) ? ((long)format.Rows * format.Columns + 1) / 2 * 4 : format.FrameLength;

    public static bool IsSubsampled422(PixelFormat format) =>
        format.SamplesPerPixel == 3 && format.BitsAllocated == 8 &&
        Photometric.Normalize(format.PhotometricInterpretation) is "YBR_FULL_422" or "YBR_PARTIAL_422";

    public static ReadOnlySpan<byte> Frame(ReadOnlySpan<byte> pixelData, PixelFormat format, int index)
    {
        long length = FrameLength(format);
        long start = length * index;
        if (start + length > pixelData.Length)
        {
            throw new DicomException($"native pixel data holds {pixelData.Length} bytes, frame {index} needs {start + length}");
        }

        return pixelData.Slice((int)start, (int)length);
    }
}
