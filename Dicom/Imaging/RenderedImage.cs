namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// One rendered frame ready for an image encoder: 8-bit samples, rows top to bottom, no row padding.
/// <see cref="Channels"/> is 1 (grey) or 4 (red, green, blue, alpha with alpha always 255).
/// </summary>
public sealed record RenderedImage(int Width, int Height, int Channels, byte[] Pixels)
{
    /// <summary>Bytes of one row.</summary>
    public int Stride => Width * Channels;
}
