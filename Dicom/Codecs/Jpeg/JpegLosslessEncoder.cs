using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Codecs.Jpeg;

/// <summary>
/// Encodes a native frame as lossless JPEG, process 14 with selection value 1 (T.81 Annex H; DICOM
/// 1.2.840.10008.1.2.4.70): one interleaved scan, point transform 0, a Huffman table fitted to the frame's
/// difference categories (Annex K.2), optional restart intervals of whole rows (DRI, RSTm). Samples are masked to
/// Bits Stored; precision P is Bits Stored (at least 2).
/// </summary>
internal static class JpegLosslessEncoder
{
    public static byte[] Encode(ReadOnlySpan<byte> frame, PixelFormat f, int restartRows = 0)
    {
        int width = f.Columns;
        int height = f.Rows;
        int spp = f.SamplesPerPixel;
        int precision = Math.Clamp(f.BitsStored, 2, 16);
        int mask = (1 << precision) - 1;
        int count = width * height * spp;

        // Pass 1: differences (modulo 2^16, as the decoder reconstructs) and their category histogram.
        int[] differences = ArrayPool<int>.Shared.Rent(count);
        try
        {
            Span<long> histogram = stackalloc long[17];
            int initial = 1 << (precision - 1);
            bool planar = f.Planar == PlanarConfiguration.Planar && spp > 1;
            for (int c = 0; c < spp; c++)
            {
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        int value = Sample(frame, f, planar, x, y, c) & mask;
                        // Each restart interval starts like the scan: initial value, then the first-row rule (H.1.2.1).
                        bool firstRow = restartRows > 0 ? y % restartRows == 0 : y == 0;
                        int prediction = firstRow && x == 0 ? initial
                            : firstRow ? Sample(frame, f, planar, x - 1, y, c) & mask
                            : x == 0 ? Sample(frame, f, planar, x, y - 1, c) & mask
                            : Sample(frame, f, planar, x - 1, y, c) & mask;
                        int difference = (short)(ushort)(value - prediction);
                        differences[(y * width + x) * spp + c] = difference;
                        histogram[Category(difference)]++;
                    }
                }
            }

            var huffman = new HuffmanCodeBuilder(histogram);
            using var writer = new JpegBitWriter(count * (precision > 8 ? 2 : 1) / 2 + 1024);
            WriteHeaders(writer, f, precision, huffman, restartRows * width);
            var codes = huffman.Codes;
            var lengths = huffman.Lengths;
            int samplesPerInterval = restartRows * width * spp;
            for (int i = 0; i < count; i++)
            {
                if (samplesPerInterval > 0 && i > 0 && i % samplesPerInterval == 0)
                {
                    writer.EndScan();
                    writer.WriteByte(0xFF);
                    writer.WriteByte((byte)(0xD0 + (i / samplesPerInterval - 1) % 8));
                }


                int d = differences[i];
                int category = Category(d);
                writer.WriteBits((uint)codes[category], lengths[category]);
                if (category is > 0 and < 16)
                {
                    writer.WriteBits((uint)(d < 0 ? d - 1 : d), category);
                }
            }

            writer.EndScan();
            writer.WriteByte(0xFF);
            writer.WriteByte(0xD9);
            return writer.ToArray();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(differences);
        }
    }

    /// <summary>SSSS of T.81 Table H.2; −32768 ≡ 32768 modulo 2^16 is category 16.</summary>
    private static int Category(int difference) =>
        difference == -32768 ? 16 : difference == 0 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)Math.Abs(difference));

    private static int Sample(ReadOnlySpan<byte> frame, PixelFormat f, bool planar, int x, int y, int c)
    {
        int index = planar ? (c * f.Rows + y) * f.Columns + x : (y * f.Columns + x) * f.SamplesPerPixel + c;
        return f.BitsAllocated == 8 ? frame[index] : MemoryMarshal.Cast<byte, ushort>(frame)[index];
    }

    private static void WriteHeaders(JpegBitWriter w, PixelFormat f, int precision, HuffmanCodeBuilder huffman, int restartInterval)
    {
        int spp = f.SamplesPerPixel;
        w.WriteBytes([0xFF, 0xD8]);

        w.WriteBytes([0xFF, 0xC3]);
        w.WriteUInt16BigEndian(8 + 3 * spp);
        w.WriteByte((byte)precision);
        w.WriteUInt16BigEndian(f.Rows);
        w.WriteUInt16BigEndian(f.Columns);
        w.WriteByte((byte)spp);
        for (int c = 0; c < spp; c++)
        {
            w.WriteBytes([(byte)(c + 1), 0x11, 0]);
        }

        w.WriteBytes([0xFF, 0xC4]);
        w.WriteUInt16BigEndian(2 + 1 + 16 + huffman.Values.Length);
        w.WriteByte(0x00);
        w.WriteBytes(huffman.Counts);
        w.WriteBytes(huffman.Values);

        if (restartInterval > 0)
        {
            w.WriteBytes([0xFF, 0xDD, 0, 4]);
            w.WriteUInt16BigEndian(restartInterval);
        }

        w.WriteBytes([0xFF, 0xDA]);
        w.WriteUInt16BigEndian(6 + 2 * spp);
        w.WriteByte((byte)spp);
        for (int c = 0; c < spp; c++)
        {
            w.WriteBytes([(byte)(c + 1), 0x00]);
        }

        w.WriteBytes([1, 0, 0]); // Ss = predictor 1, Se = 0, Ah/Al = 0
    }
}
