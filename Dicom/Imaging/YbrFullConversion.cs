namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// Full-range YCbCr (YBR_FULL, YBR_FULL_422) to RGB: the inverse of the equations in PS3.3 C.7.6.3.1.2
/// (Y = .299R + .587G + .114B, Cb and Cr offset by 128). Fixed-point tables keep it one add per channel.
/// </summary>
public static class YbrFullConversion
{
    private const int Shift = 16;
    private const int Half = 1 << (Shift - 1);
    private static readonly int[] CrToRed = Table(1.402);
    private static readonly int[] CbToGreen = Table(-0.344136);
    private static readonly int[] CrToGreen = Table(-0.714136);
    private static readonly int[] CbToBlue = Table(1.772);

    /// <summary>RGB of one full-range YCbCr sample triple, rounded and clamped to 0..255.</summary>
    public static (byte R, byte G, byte B) ToRgb(byte y, byte cb, byte cr)
    {
        int scaledY = (y << Shift) + Half;
        return (
            Clamp((scaledY + CrToRed[cr]) >> Shift),
            Clamp((scaledY + CbToGreen[cb] + CrToGreen[cr]) >> Shift),
            Clamp((scaledY + CbToBlue[cb]) >> Shift));
    }

    private static int[] Table(double factor)
    {
        var table = new int[256];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = (int)Math.Round(factor * (i - 128) * (1 << Shift));
        }

        return table;
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
