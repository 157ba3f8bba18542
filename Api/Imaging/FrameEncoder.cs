using CloudFilm.Dicom.Imaging;
using SkiaSharp;

namespace CloudFilm.Api.Imaging;

/// <summary>
/// Turns a rendered frame (8-bit grey or RGBA from the DICOM toolkit) into JPEG or PNG for browsers, optionally
/// scaled down to a maximum edge first (thumbnails and the fast first image of the cloud film).
/// </summary>
public static class FrameEncoder
{
    public static byte[] Encode(RenderedImage image, FrameImageFormat format, int quality = 85, int? maxEdge = null)
    {
        var colorType = image.Channels == 1 ? SKColorType.Gray8 : SKColorType.Rgba8888;
        var info = new SKImageInfo(image.Width, image.Height, colorType, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap();
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(image.Pixels, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            bitmap.InstallPixels(info, handle.AddrOfPinnedObject(), info.RowBytes);
            using var source = SKImage.FromBitmap(bitmap);
            using var scaled = Scale(source, maxEdge);
            using var data = scaled.Encode(format == FrameImageFormat.Png ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, quality);
            return data.ToArray();
        }
        finally
        {
            handle.Free();
        }
    }

    private static SKImage Scale(SKImage source, int? maxEdge)
    {
        if (maxEdge is not { } edge || Math.Max(source.Width, source.Height) <= edge)
        {
            return SKImage.FromBitmap(SKBitmap.FromImage(source));
        }
        var factor = (double)edge / Math.Max(source.Width, source.Height);
        var width = Math.Max(1, (int)Math.Round(source.Width * factor));
        var height = Math.Max(1, (int)Math.Round(source.Height * factor));
        using var surface = SKSurface.Create(new SKImageInfo(width, height, source.ColorType == SKColorType.Gray8 ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var paint = new SKPaint();
        surface.Canvas.DrawImage(source, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
        return surface.Snapshot();
    }
}

public enum FrameImageFormat
{
    Jpeg = 0,
    Png = 1,
}
