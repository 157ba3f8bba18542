using QRCoder;

namespace CloudFilm.Api.Sharing;

/// <summary>QR codes of share links, as PNG (for printing systems) or SVG (for pages and print CSS).</summary>
public static class QrCodes
{
    // Medium error correction survives a crease or a smudge on a printed report while keeping the code small.
    private const QRCodeGenerator.ECCLevel Correction = QRCodeGenerator.ECCLevel.M;

    public static byte[] Png(string text, int pixelsPerModule = 8)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, Correction);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    public static string Svg(string text, int pixelsPerModule = 6)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, Correction);
        return new SvgQRCode(data).GetGraphic(pixelsPerModule);
    }
}
