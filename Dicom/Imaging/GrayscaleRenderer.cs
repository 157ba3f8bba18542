using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// Renders single-sample (MONOCHROME1/2) frames. For up to 16 bits allocated the whole pipeline is folded into one
/// table from raw sample pattern to display byte, so masking, sign extension, rescale, window and polarity cost one
/// lookup per pixel.
/// </summary>
internal static class GrayscaleRenderer
{
    public static void Render(ReadOnlySpan<byte> frame, PixelFormat format, GrayscalePipeline pipeline, Span<byte> destination)
    {
        var decoder = new StoredValueDecoder(format);
        int pixels = destination.Length;
        switch (format.BitsAllocated)
        {
            case 1:
                {
                    byte zero = pipeline.ToDisplay(decoder.Decode(0));
                    byte one = pipeline.ToDisplay(decoder.Decode(1));
                    for (int i = 0; i < pixels; i++)
                    {
                        destination[i] = ((frame[i >> 3] >> (i & 7)) & 1) == 0 ? zero : one;
                    }

                    break;
                }

            case 8:
                {
                    byte[] table = ArrayPool<byte>.Shared.Rent(256);
                    try
                    {
                        FillTable(table.AsSpan(0, 256), decoder, pipeline);
                        for (int i = 0; i < pixels; i++)
                        {
                            destination[i] = table[frame[i]];
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(table);
                    }

                    break;
                }

            case 16:
                {
                    byte[] table = ArrayPool<byte>.Shared.Rent(65536);
                    byte[] present = ArrayPool<byte>.Shared.Rent(65536);
                    try
                    {
                        // A CT or MR frame holds a few thousand distinct values: evaluating the pipeline only for the
                        // patterns that occur costs one cheap marking pass instead of 65536 pipeline evaluations.
                        ReadOnlySpan<ushort> samples = MemoryMarshal.Cast<byte, ushort>(frame[..(pixels * 2)]);
                        Span<byte> marks = present.AsSpan(0, 65536);
                        marks.Clear();
                        foreach (ushort sample in samples)
                        {
                            marks[LittleEndian(sample)] = 1;
                        }

                        for (int raw = 0; raw < 65536; raw++)
                        {
                            if (marks[raw] != 0)
                            {
                                table[raw] = pipeline.ToDisplay(decoder.Decode((uint)raw));
                            }
                        }

                        for (int i = 0; i < pixels; i++)
                        {
                            destination[i] = table[LittleEndian(samples[i])];
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(present);
                        ArrayPool<byte>.Shared.Return(table);
                    }

                    break;
                }

            case 32:
                for (int i = 0; i < pixels; i++)
                {
                    uint raw = BinaryPrimitives.ReadUInt32LittleEndian(frame.Slice(i * 4, 4));
                    destination[i] = pipeline.ToDisplay(decoder.Decode(raw));
                }

                break;

            default:
                throw new DicomException($"grayscale rendering supports 1, 8, 16 and 32 bits allocated, not {format.BitsAllocated}");
        }
    }

    /// <summary>
    /// Smallest and largest stored values of the frame that are not padding, or null when every pixel is padding.
    /// Up to 16 bits allocated, one pass marks which raw patterns occur and the decoding and padding test run once
    /// per distinct pattern rather than once per pixel.
    /// </summary>
    public static (long Min, long Max)? FindStoredRange(ReadOnlySpan<byte> frame, PixelFormat format, RenderingAttributes attributes, int pixels)
    {
        var decoder = new StoredValueDecoder(format);
        if (format.BitsAllocated == 32)
        {
            long min32 = long.MaxValue;
            long max32 = long.MinValue;
            for (int i = 0; i < pixels; i++)
            {
                long value = decoder.Decode(BinaryPrimitives.ReadUInt32LittleEndian(frame.Slice(i * 4, 4)));
                if (!attributes.IsPadding(value))
                {
                    min32 = Math.Min(min32, value);
                    max32 = Math.Max(max32, value);
                }
            }

            return min32 > max32 ? null : (min32, max32);
        }

        int patterns = format.BitsAllocated switch
        {
            1 => 2,
            8 => 256,
            16 => 65536,
            _ => throw new DicomException($"grayscale rendering supports 1, 8, 16 and 32 bits allocated, not {format.BitsAllocated}"),
        };
        byte[] seen = ArrayPool<byte>.Shared.Rent(patterns);
        try
        {
            Span<byte> marks = seen.AsSpan(0, patterns);
            marks.Clear();
            switch (format.BitsAllocated)
            {
                case 1:
                    for (int i = 0; i < pixels; i++)
                    {
                        marks[(frame[i >> 3] >> (i & 7)) & 1] = 1;
                    }

                    break;
                case 8:
                    foreach (byte raw in frame[..pixels])
                    {
                        marks[raw] = 1;
                    }

                    break;
                default:
                    foreach (ushort raw in MemoryMarshal.Cast<byte, ushort>(frame[..(pixels * 2)]))
                    {
                        marks[LittleEndian(raw)] = 1;
                    }

                    break;
            }

            long min = long.MaxValue;
            long max = long.MinValue;
            for (int raw = 0; raw < patterns; raw++)
            {
                if (marks[raw] == 0)
                {
                    continue;
                }

                long value = decoder.Decode((uint)raw);
                if (!attributes.IsPadding(value))
                {
                    min = Math.Min(min, value);
                    max = Math.Max(max, value);
                }
            }

            return min > max ? null : (min, max);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(seen);
        }
    }

    private static void FillTable(Span<byte> table, StoredValueDecoder decoder, GrayscalePipeline pipeline)
    {
        for (int raw = 0; raw < table.Length; raw++)
        {
            table[raw] = pipeline.ToDisplay(decoder.Decode((uint)raw));
        }
    }

    private static ushort LittleEndian(ushort value) =>
        BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
}
