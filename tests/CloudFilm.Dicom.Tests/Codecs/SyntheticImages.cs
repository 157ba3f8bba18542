using System.Runtime.InteropServices;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Tests.Codecs;

/// <summary>Kinds of synthetic content that exercise different coder paths.</summary>
public enum ImageContent
{
    /// <summary>Uniform noise over the full range: regular mode, long codes, escape codes.</summary>
    Random,

    /// <summary>Smooth gradients plus mild noise: typical medical content.</summary>
    Smooth,

    /// <summary>One value everywhere: run mode end to end.</summary>
    Flat,

    /// <summary>Flat blocks with edges and a few outliers: runs interrupted in every way.</summary>
    Blocks,
}

/// <summary>Builds native frames (little-endian, interleaved) for codec tests, deterministic per seed.</summary>
public static class SyntheticImages
{
    public static PixelFormat Format(int rows, int columns, int samples, int bitsAllocated, int bitsStored, bool signed = false) =>
        new(rows, columns, samples, bitsAllocated, bitsStored, bitsStored - 1, signed, samples == 3 ? "RGB" : "MONOCHROME2");

    /// <summary>
    /// A frame whose samples use exactly <see cref="PixelFormat.BitsStored"/> bits: signed data is sign-extended into
    /// the allocated bits, as a conforming writer stores it.
    /// </summary>
    public static byte[] Create(PixelFormat f, ImageContent content, int seed = 1)
    {
        var random = new Random(seed);
        var frame = new byte[f.FrameLength];
        int max = f.BitsStored >= 31 ? int.MaxValue : (1 << f.BitsStored) - 1;
        for (int y = 0; y < f.Rows; y++)
        {
            for (int x = 0; x < f.Columns; x++)
            {
                for (int s = 0; s < f.SamplesPerPixel; s++)
                {
                    long value = content switch
                    {
                        ImageContent.Random => random.NextInt64(0, (long)max + 1),
                        ImageContent.Smooth => Clamp(
                            (long)(max * (0.5 + 0.3 * Math.Sin(x * 0.05 + s) * Math.Cos(y * 0.07))) + random.Next(-3, 4), max),
                        ImageContent.Flat => max / 3,
                        _ => Blocks(x, y, s, max, random),
                    };
                    Write(frame, f, (y * f.Columns + x) * f.SamplesPerPixel + s, value);
                }
            }
        }

        return frame;
    }

    /// <summary>Writes one sample given as its stored bit pattern (0..2^BitsStored−1).</summary>
    public static void Write(byte[] frame, PixelFormat f, int index, long value)
    {
        long stored = value;
        if (f.IsSigned && f.BitsStored < 64)
        {
            int shift = 64 - f.BitsStored;
            stored = (value << shift) >> shift;
        }

        switch (f.BitsAllocated)
        {
            case 8:
                frame[index] = (byte)stored;
                break;
            case 16:
                MemoryMarshal.Cast<byte, ushort>(frame.AsSpan())[index] = (ushort)stored;
                break;
            case 32:
                MemoryMarshal.Cast<byte, uint>(frame.AsSpan())[index] = (uint)stored;
                break;
            default:
                throw new ArgumentException("bits allocated");
        }
    }

    private static long Blocks(int x, int y, int s, long max, Random random)
    {
        if (random.Next(200) == 0)
        {
            return random.NextInt64(0, max + 1);
        }

        long block = ((x / 7) + (y / 5) * 3 + s) % 4;
        return block * max / 3;
    }

    private static long Clamp(long v, long max) => v < 0 ? 0 : v > max ? max : v;
}
