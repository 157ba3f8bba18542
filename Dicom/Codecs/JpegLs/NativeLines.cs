using System.Runtime.InteropServices;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Codecs.JpegLs;

/// <summary>
/// Moves one line of one component between a native frame (little-endian, 8 or 16 bits allocated, interleaved or
/// planar) and the int line buffers of the JPEG-LS coder (samples at index 1..width).
/// </summary>
internal static class NativeLines
{
    /// <summary>Loads a line, masked to the low bits (T.87 has no sign: signed data is coded as its bit pattern).</summary>
    public static void Load(ReadOnlySpan<byte> frame, PixelFormat f, int row, int component, int[] line, int mask)
    {
        int width = f.Columns;
        int samples = f.SamplesPerPixel;
        bool planar = f.Planar == PlanarConfiguration.Planar && samples > 1;
        int start = planar ? (component * f.Rows + row) * width : row * width * samples + component;
        int stride = planar ? 1 : samples;
        var target = line.AsSpan(1, width);
        if (f.BitsAllocated == 8)
        {
            var src = frame[start..];
            for (int x = 0, i = 0; x < target.Length; x++, i += stride)
            {
                target[x] = src[i] & mask;
            }
        }
        else
        {
            var src = MemoryMarshal.Cast<byte, ushort>(frame)[start..];
            for (int x = 0, i = 0; x < target.Length; x++, i += stride)
            {
                target[x] = src[i] & mask;
            }
        }
    }

    /// <summary>Stores a decoded line interleaved, sign-extending from bit <paramref name="bitsStored"/>−1 when signed.</summary>
    public static void Store(int[] line, Span<byte> frame, PixelFormat f, int row, int component, bool signExtend, int bitsStored)
    {
        int width = f.Columns;
        int samples = f.SamplesPerPixel;
        int start = row * width * samples + component;
        var source = line.AsSpan(1, width);
        int shift = 32 - bitsStored;
        if (f.BitsAllocated == 8)
        {
            var dst = frame[start..];
            for (int x = 0, i = 0; x < source.Length; x++, i += samples)
            {
                int v = source[x];
                dst[i] = (byte)(signExtend ? (v << shift) >> shift : v);
            }
        }
        else
        {
            var dst = MemoryMarshal.Cast<byte, ushort>(frame)[start..];
            for (int x = 0, i = 0; x < source.Length; x++, i += samples)
            {
                int v = source[x];
                dst[i] = (ushort)(signExtend ? (v << shift) >> shift : v);
            }
        }
    }
}
