using System.Buffers.Binary;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// Renders Float (32-bit) and Double Float (64-bit) Pixel Data (7FE0,0008 / 7FE0,0009; PS3.3 C.7.6.3.1.4), e.g.
/// parametric maps. No table is possible, so each pixel goes through the pipeline; NaN and infinities show as black
/// and are left out of the automatic window.
/// </summary>
internal static class FloatFrameRenderer
{
    public static void Render(
        ReadOnlySpan<byte> frame, PixelFormat format, string photometric, RenderingAttributes attributes, RenderOptions options, Span<byte> destination)
    {
        int pixels = destination.Length;
        int size = format.BitsAllocated / 8;
        (double, double)? range = null;
        if (GrayscalePipeline.NeedsStoredRange(attributes, options))
        {
            double min = double.MaxValue;
            double max = double.MinValue;
            for (int i = 0; i < pixels; i++)
            {
                double value = Read(frame, i, size);
                if (double.IsFinite(value))
                {
                    min = Math.Min(min, value);
                    max = Math.Max(max, value);
                }
            }

            range = min > max ? (0, 0) : (min, max);
        }

        var pipeline = GrayscalePipeline.CreateForFloatValues(photometric, attributes, options, range);
        for (int i = 0; i < pixels; i++)
        {
            double value = Read(frame, i, size);
            destination[i] = double.IsFinite(value) ? pipeline.ToDisplayFromModality(pipeline.ToModality(value)) : (byte)0;
        }
    }

    private static double Read(ReadOnlySpan<byte> frame, int index, int size) => size == 4
        ? BinaryPrimitives.ReadSingleLittleEndian(frame.Slice(index * 4, 4))
        : BinaryPrimitives.ReadDoubleLittleEndian(frame.Slice(index * 8, 8));
}
