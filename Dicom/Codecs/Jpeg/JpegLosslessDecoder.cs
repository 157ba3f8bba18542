using System.Buffers;
using System.Runtime.InteropServices;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Codecs.Jpeg;

/// <summary>
/// Decodes a lossless JPEG frame (T.81 Annex H, process 14, SOF3) into a native frame: predictors 1–7, point
/// transform, restart intervals, interleaved or one-scan-per-component, all components sampled 1×1.
/// Reconstruction wraps modulo 2^16 and difference category 16 means 32768 (H.1.2.2), as the standard says; no clamping.
/// </summary>
internal static unsafe class JpegLosslessDecoder
{
    public static void Decode(ReadOnlySpan<byte> data, PixelFormat f, Span<byte> destination)
    {
        var stream = new JpegStream(data);
        int count = f.Rows * f.Columns * f.SamplesPerPixel;
        var rented = ArrayPool<ushort>.Shared.Rent(count);
        try
        {
            DecodeInto(data, stream, f, rented.AsSpan(0, count), destination);
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(rented);
        }
    }

    private static void DecodeInto(ReadOnlySpan<byte> data, JpegStream stream, PixelFormat f, Span<ushort> samples, Span<byte> destination)
    {
        int decoded = 0;
        while (decoded < f.SamplesPerPixel && stream.NextScan(data) is { } scan)
        {
            if (decoded == 0)
            {
                CheckFrame(stream, f);
            }

            fixed (byte* p = data)
            {
                var reader = new JpegBitReader(p, scan.DataStart, data.Length, 0);
                DecodeScan(stream, scan, reader, f, samples);
                stream.SkipTo(reader.Position);
            }

            decoded += scan.Components.Length;
        }

        if (decoded < f.SamplesPerPixel)
        {
            throw new DicomFormatException("JPEG lossless stream ends before all components are decoded", data.Length);
        }

        Store(samples, f, destination);
    }

    private static void CheckFrame(JpegStream s, PixelFormat f)
    {
        if (s.FrameMarker != 0xC3)
        {
            throw new DicomCodecException($"JPEG lossless: frame type SOF{s.FrameMarker - 0xC0} is not process 14 (SOF3)");
        }

        if (s.Width != f.Columns || s.Height != f.Rows || s.Components.Length != f.SamplesPerPixel)
        {
            throw new DicomFormatException(
                $"JPEG frame is {s.Width}x{s.Height}x{s.Components.Length}, the data set says {f.Columns}x{f.Rows}x{f.SamplesPerPixel}", 0);
        }

        if (s.Precision is < 2 or > 16 || s.Precision > f.BitsAllocated)
        {
            throw new DicomFormatException($"JPEG lossless precision {s.Precision} with {f.BitsAllocated} bits allocated", 0);
        }

        foreach (var c in s.Components)
        {
            if (c.H != 1 || c.V != 1)
            {
                throw new DicomCodecException("JPEG lossless: subsampled components are not supported");
            }
        }
    }

    private static void DecodeScan(JpegStream stream, JpegScanHeader scan, JpegBitReader reader, PixelFormat f, Span<ushort> samples)
    {
        int predictor = scan.Ss;
        int pt = scan.Al;
        int precision = stream.Precision;
        if (predictor is < 1 or > 7 || pt >= precision)
        {
            throw new DicomFormatException($"JPEG lossless predictor {predictor}, point transform {pt}", scan.DataStart);
        }

        int count = scan.Components.Length;
        var tables = new HuffmanTable[count];
        var index = new int[count];
        for (int i = 0; i < count; i++)
        {
            tables[i] = stream.DcTables[scan.Components[i].DcTable]
                ?? throw new DicomFormatException("JPEG scan uses an undefined Huffman table", scan.DataStart);
            index[i] = scan.Components[i].Index;
        }

        int width = f.Columns;
        int height = f.Rows;
        int spp = f.SamplesPerPixel;
        int initial = 1 << (precision - pt - 1);
        int restartInterval = stream.RestartInterval;
        int untilRestart = restartInterval;
        int restartRow = 0;   // first row of the current restart interval: it is coded like the scan's first row
        bool restartPending = true;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (restartInterval != 0 && untilRestart == 0)
                {
                    reader.Restart();
                    untilRestart = restartInterval;
                    restartPending = true;
                    restartRow = y;
                }

                bool first = restartPending;
                restartPending = false;
                for (int i = 0; i < count; i++)
                {
                    int c = index[i];
                    int at = (y * width + x) * spp + c;
                    int prediction;
                    if (first)
                    {
                        prediction = initial;
                    }
                    else if (y == restartRow)
                    {
                        prediction = x > 0 ? samples[at - spp] : samples[at - width * spp];
                    }
                    else if (x == 0)
                    {
                        prediction = samples[at - width * spp];
                    }
                    else
                    {
                        int ra = samples[at - spp];
                        int rb = samples[at - width * spp];
                        int rc = samples[at - width * spp - spp];
                        prediction = predictor switch
                        {
                            1 => ra,
                            2 => rb,
                            3 => rc,
                            4 => ra + rb - rc,
                            5 => ra + ((rb - rc) >> 1),
                            6 => rb + ((ra - rc) >> 1),
                            _ => (ra + rb) >> 1,
                        };
                    }

                    int category = tables[i].Decode(reader);
                    int difference = category switch
                    {
                        0 => 0,
                        16 => 32768,
                        > 16 => throw reader.Corrupt($"difference category {category}"),
                        _ => reader.ReceiveExtend(category),
                    };
                    samples[at] = (ushort)(prediction + difference);
                }

                untilRestart--;
            }
        }

        if (pt > 0)
        {
            for (int at = 0; at < samples.Length; at++)
            {
                if (Array.IndexOf(index, at % spp) >= 0)
                {
                    samples[at] = (ushort)(samples[at] << pt);
                }
            }
        }
    }

    private static void Store(Span<ushort> samples, PixelFormat f, Span<byte> destination)
    {
        // Point transform and sign: the decoded values are bit patterns of precision P, shifted left by Pt on output.
        int shiftOut = 32 - Math.Min(f.BitsStored, f.BitsAllocated);
        if (f.BitsAllocated == 8)
        {
            for (int i = 0; i < samples.Length; i++)
            {
                int v = samples[i];
                destination[i] = (byte)(f.IsSigned ? (v << shiftOut) >> shiftOut : v);
            }
        }
        else
        {
            var target = MemoryMarshal.Cast<byte, ushort>(destination);
            for (int i = 0; i < samples.Length; i++)
            {
                int v = samples[i];
                target[i] = (ushort)(f.IsSigned ? (v << shiftOut) >> shiftOut : v);
            }
        }
    }
}
