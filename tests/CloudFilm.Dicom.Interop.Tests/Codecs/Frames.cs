using System.Runtime.InteropServices;
using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Interop.Tests.Codecs;

/// <summary>Frame comparisons that ignore what the standard leaves free: planar layout and bits above Bits Stored.</summary>
public static class Frames
{
    public static byte[] Decode(IPixelCodec codec, byte[] encoded, PixelFormat format, out PixelFormat decodedFormat)
    {
        // The probe says what the decoder produces (a 4:2:2 label decodes to every sample for every pixel).
        var output = new byte[codec.Probe(encoded, format).FrameLength];
        decodedFormat = codec.Decode(encoded, format, output);
        return output;
    }

    public static byte[] ToInterleaved(byte[] frame, PixelFormat f)
    {
        if (f.Planar != PlanarConfiguration.Planar || f.SamplesPerPixel == 1)
        {
            return frame[..(int)f.FrameLength];
        }

        int pixels = f.Rows * f.Columns;
        int bps = f.BytesPerSample;
        var result = new byte[f.FrameLength];
        for (int s = 0; s < f.SamplesPerPixel; s++)
        {
            for (int p = 0; p < pixels; p++)
            {
                Array.Copy(frame, (s * pixels + p) * bps, result, (p * f.SamplesPerPixel + s) * bps, bps);
            }
        }

        return result;
    }

    /// <summary>Samples reduced to their low Bits Stored bits, as unsigned numbers.</summary>
    public static long[] StoredValues(byte[] frame, PixelFormat f)
    {
        int count = (int)(f.FrameLength / f.BytesPerSample);
        var values = new long[count];
        long mask = f.BitsStored >= 63 ? -1L : (1L << f.BitsStored) - 1;
        for (int i = 0; i < count; i++)
        {
            long v = f.BitsAllocated switch
            {
                8 => frame[i],
                16 => MemoryMarshal.Cast<byte, ushort>(frame.AsSpan())[i],
                32 => MemoryMarshal.Cast<byte, uint>(frame.AsSpan())[i],
                _ => throw new ArgumentException("bits allocated"),
            };
            values[i] = v & mask;
        }

        return values;
    }

    /// <summary>Asserts two frames hold the same stored values sample for sample, naming the first difference.</summary>
    public static void ShouldMatch(byte[] actual, byte[] expected, PixelFormat f, string because)
    {
        var a = StoredValues(actual, f);
        var e = StoredValues(expected, f);
        a.Length.Should().Be(e.Length);
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != e[i])
            {
                a[i].Should().Be(e[i], $"sample {i} (pixel {i / f.SamplesPerPixel}) differs: {because}");
            }
        }
    }
}
