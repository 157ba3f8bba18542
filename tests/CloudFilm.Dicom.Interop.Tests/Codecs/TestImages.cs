using System.Runtime.InteropServices;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Interop.Tests.Codecs;

/// <summary>Small deterministic images for interop: smooth anatomy-like content with noise, edges and flat areas.</summary>
public static class TestImages
{
    public static PixelFormat Format(int rows, int columns, int samples, int bitsAllocated, int bitsStored, bool signed = false) =>
        new(rows, columns, samples, bitsAllocated, bitsStored, bitsStored - 1, signed, samples == 3 ? "RGB" : "MONOCHROME2");

    public static byte[] Create(PixelFormat f, int seed = 5)
    {
        var random = new Random(seed);
        var frame = new byte[f.FrameLength];
        long max = (1L << f.BitsStored) - 1;
        for (int y = 0; y < f.Rows; y++)
        {
            for (int x = 0; x < f.Columns; x++)
            {
                bool inside = (x - f.Columns / 2.0) * (x - f.Columns / 2.0) + (y - f.Rows / 2.0) * (y - f.Rows / 2.0) < f.Rows * f.Columns / 5.0;
                for (int s = 0; s < f.SamplesPerPixel; s++)
                {
                    long v = inside
                        ? (long)(max * (0.45 + 0.25 * Math.Sin(x * 0.11 + s) * Math.Cos(y * 0.05))) + random.Next(-9, 10)
                        : max / 16;
                    if (random.Next(500) == 0)
                    {
                        v = random.NextInt64(0, max + 1);
                    }

                    v = Math.Clamp(v, 0, max);
                    Write(frame, f, (y * f.Columns + x) * f.SamplesPerPixel + s, v);
                }
            }
        }

        return frame;
    }

    private static void Write(byte[] frame, PixelFormat f, int index, long value)
    {
        if (f.IsSigned)
        {
            int shift = 64 - f.BitsStored;
            value = (value << shift) >> shift;
        }

        if (f.BitsAllocated == 8)
        {
            frame[index] = (byte)value;
        }
        else if (f.BitsAllocated == 16)
        {
            MemoryMarshal.Cast<byte, ushort>(frame.AsSpan())[index] = (ushort)value;
        }
        else
        {
            MemoryMarshal.Cast<byte, uint>(frame.AsSpan())[index] = (uint)value;
        }
    }
}
