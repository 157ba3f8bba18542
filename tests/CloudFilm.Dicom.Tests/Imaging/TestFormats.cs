using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Tests.Imaging;

/// <summary>Pixel formats and pixel data for the imaging tests, built small at test time.</summary>
internal static class TestFormats
{
    public static PixelFormat Mono(int rows, int columns, int allocated, int stored, bool signed, string photometric = "MONOCHROME2") =>
        new(rows, columns, 1, allocated, stored, stored - 1, signed, photometric);

    public static PixelFormat Color(int rows, int columns, string photometric, PlanarConfiguration planar = PlanarConfiguration.Interleaved, int bits = 8) =>
        new(rows, columns, 3, bits, bits, bits - 1, false, photometric, planar);

    public static byte[] Words(params int[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            bytes[2 * i] = (byte)values[i];
            bytes[2 * i + 1] = (byte)(values[i] >> 8);
        }

        return bytes;
    }

    public static byte[] Words(ReadOnlySpan<ushort> values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            bytes[2 * i] = (byte)values[i];
            bytes[2 * i + 1] = (byte)(values[i] >> 8);
        }

        return bytes;
    }
}
