using System.Runtime.InteropServices;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Codecs.Jpeg;

/// <summary>
/// Decodes sequential DCT JPEG with Huffman coding (T.81 Annex F: baseline SOF0 and extended SOF1, 8 or 12 bits),
/// 1 or 3 components, any sampling factors, interleaved or separate scans, restart intervals. Chroma is upsampled
/// by replication to full resolution; YCbCr becomes RGB when the Photometric Interpretation says the data is YBR.
/// </summary>
internal static unsafe class JpegBaselineDecoder
{
    /// <summary>Zig-zag order (T.81 Figure A.6): the natural index of the k-th coefficient.</summary>
    private static ReadOnlySpan<byte> ZigZag =>
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
        28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
        54, 47, 55, 62, 63,
    ];

    public static PixelFormat Decode(ReadOnlySpan<byte> data, PixelFormat f, Span<byte> destination)
    {
        var stream = new JpegStream(data);
        int[][]? planes = null;
        int hMax = 1, vMax = 1, mcusX = 0, mcusY = 0;
        int decoded = 0;
        while (stream.NextScan(data) is { } scan)
        {
            if (planes is null)
            {
                Check(stream, f);
                foreach (var c in stream.Components)
                {
                    hMax = Math.Max(hMax, c.H);
                    vMax = Math.Max(vMax, c.V);
                }

                mcusX = (f.Columns + 8 * hMax - 1) / (8 * hMax);
                mcusY = (f.Rows + 8 * vMax - 1) / (8 * vMax);
                planes = new int[stream.Components.Length][];
                foreach (var c in stream.Components)
                {
                    planes[c.Index] = new int[mcusX * c.H * 8 * mcusY * c.V * 8];
                }
            }

            // Ss, Se, Ah, Al carry no information in sequential mode; some writers put Se = 0 there, so they are ignored.
            fixed (byte* p = data)
            {
                var reader = new JpegBitReader(p, scan.DataStart, data.Length, 0);
                DecodeScan(stream, scan, reader, planes, hMax, vMax, mcusX, mcusY, f);
                stream.SkipTo(reader.Position);
            }

            decoded += scan.Components.Length;
            if (decoded >= stream.Components.Length)
            {
                break;
            }
        }

        if (planes is null || decoded < stream.Components.Length)
        {
            throw new DicomFormatException("JPEG stream ends before all components are decoded", data.Length);
        }

        return Output(stream, planes, hMax, vMax, mcusX, f, destination);
    }

    private static void Check(JpegStream s, PixelFormat f)
    {
        if (s.FrameMarker is not (0xC0 or 0xC1))
        {
            throw new DicomCodecException(s.FrameMarker == 0xC2
                ? "JPEG: progressive DCT is not supported"
                : $"JPEG: frame type SOF{s.FrameMarker - 0xC0} is not sequential DCT with Huffman coding");
        }

        if (s.Width != f.Columns || s.Height != f.Rows || s.Components.Length != f.SamplesPerPixel)
        {
            throw new DicomFormatException(
                $"JPEG frame is {s.Width}x{s.Height}x{s.Components.Length}, the data set says {f.Columns}x{f.Rows}x{f.SamplesPerPixel}", 0);
        }

        if (s.Precision is not (8 or 12) || s.Precision > f.BitsAllocated)
        {
            throw new DicomFormatException($"JPEG precision {s.Precision} with {f.BitsAllocated} bits allocated", 0);
        }
    }

    private static void DecodeScan(
        JpegStream stream, JpegScanHeader scan, JpegBitReader reader, int[][] planes, int hMax, int vMax, int mcusX, int mcusY, PixelFormat f)
    {
        var components = scan.Components;
        int n = components.Length;
        var dc = new HuffmanTable[n];
        var ac = new HuffmanTable[n];
        var quant = new ushort[n][];
        for (int i = 0; i < n; i++)
        {
            dc[i] = stream.DcTables[components[i].DcTable] ?? throw new DicomFormatException("JPEG scan uses an undefined DC table", scan.DataStart);
            ac[i] = stream.AcTables[components[i].AcTable] ?? throw new DicomFormatException("JPEG scan uses an undefined AC table", scan.DataStart);
            quant[i] = stream.QuantTables[components[i].QuantTable] ?? throw new DicomFormatException("JPEG frame uses an undefined quantisation table", scan.DataStart);
        }

        Span<int> predictions = stackalloc int[n];
        Span<float> coefficients = stackalloc float[64];
        Span<int> block = stackalloc int[64];
        int levelShift = 1 << (stream.Precision - 1);
        int maxValue = (1 << stream.Precision) - 1;
        int restart = stream.RestartInterval;
        int untilRestart = restart;

        int unitsX, unitsY;
        if (n == 1)
        {
            // Non-interleaved scan: blocks cover the component's own size, not the MCU grid (T.81 A.2.2).
            var c = components[0];
            unitsX = ((f.Columns * c.H + hMax - 1) / hMax + 7) / 8;
            unitsY = ((f.Rows * c.V + vMax - 1) / vMax + 7) / 8;
        }
        else
        {
            unitsX = mcusX;
            unitsY = mcusY;
        }

        for (int my = 0; my < unitsY; my++)
        {
            for (int mx = 0; mx < unitsX; mx++)
            {
                if (restart != 0 && untilRestart == 0)
                {
                    reader.Restart();
                    predictions.Clear();
                    untilRestart = restart;
                }

                for (int i = 0; i < n; i++)
                {
                    var c = components[i];
                    int h = n == 1 ? 1 : c.H;
                    int v = n == 1 ? 1 : c.V;
                    int planeWidth = mcusX * c.H * 8;
                    for (int by = 0; by < v; by++)
                    {
                        for (int bx = 0; bx < h; bx++)
                        {
                            DecodeBlock(reader, dc[i], ac[i], quant[i], ref predictions[i], coefficients);
                            InverseDct.Transform(coefficients, block, levelShift, maxValue);
                            int x0 = (mx * h + bx) * 8;
                            int y0 = (my * v + by) * 8;
                            var plane = planes[c.Index];
                            for (int y = 0; y < 8; y++)
                            {
                                block.Slice(y * 8, 8).CopyTo(plane.AsSpan((y0 + y) * planeWidth + x0, 8));
                            }
                        }
                    }
                }

                untilRestart--;
            }
        }
    }

    private static void DecodeBlock(JpegBitReader reader, HuffmanTable dc, HuffmanTable ac, ushort[] quant, ref int prediction, Span<float> coefficients)
    {
        coefficients.Clear();
        int t = dc.Decode(reader);
        if (t > 16)
        {
            throw reader.Corrupt($"DC difference category {t}");
        }

        prediction += reader.ReceiveExtend(t);
        coefficients[0] = prediction * quant[0];
        var zigzag = ZigZag;
        for (int k = 1; k < 64; k++)
        {
            int rs = ac.Decode(reader);
            int r = rs >> 4;
            int s = rs & 15;
            if (s == 0)
            {
                if (r != 15)
                {
                    break;
                }

                k += 15;
                continue;
            }

            k += r;
            if (k > 63)
            {
                throw reader.Corrupt("AC coefficients run past the block");
            }

            coefficients[zigzag[k]] = reader.ReceiveExtend(s) * quant[k];
        }
    }

    private static PixelFormat Output(JpegStream stream, int[][] planes, int hMax, int vMax, int mcusX, PixelFormat f, Span<byte> destination)
    {
        int width = f.Columns;
        int height = f.Rows;
        int n = planes.Length;
        bool ybr = n == 3 && f.PhotometricInterpretation.StartsWith("YBR", StringComparison.Ordinal);
        var output = ybr ? f.WithPhotometric("RGB", PlanarConfiguration.Interleaved) : f with { Planar = PlanarConfiguration.Interleaved };
        CodecFrameChecks.RequireDestination(output, destination);
        var comps = stream.Components;
        bool wide = f.BitsAllocated > 8;
        var words = wide ? MemoryMarshal.Cast<byte, ushort>(destination) : default;
        int maxValue = (1 << stream.Precision) - 1;
        var full = new int[n][];
        for (int c = 0; c < n; c++)
        {
            var comp = comps[c];
            int sourceWidth = (width * comp.H + hMax - 1) / hMax;
            int sourceHeight = (height * comp.V + vMax - 1) / vMax;
            full[c] = ChromaUpsampler.Upsample(planes[c], mcusX * comp.H * 8, sourceWidth, sourceHeight, comp.H, comp.V, hMax, vMax, width, height);
        }

        Span<int> sample = stackalloc int[3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < n; c++)
                {
                    sample[c] = full[c][y * width + x];
                }

                if (ybr)
                {
                    ConvertToRgb(sample, maxValue);
                }

                int at = (y * width + x) * n;
                for (int c = 0; c < n; c++)
                {
                    if (wide)
                    {
                        words[at + c] = (ushort)sample[c];
                    }
                    else
                    {
                        destination[at + c] = (byte)sample[c];
                    }
                }
            }
        }

        return output;
    }

    /// <summary>Full-range YCbCr to RGB (JFIF; PS3.3 C.7.6.3.1.2 YBR_FULL).</summary>
    private static void ConvertToRgb(Span<int> s, int maxValue)
    {
        int half = (maxValue + 1) >> 1;
        double y = s[0], cb = s[1] - half, cr = s[2] - half;
        s[0] = Clamp(y + 1.402 * cr, maxValue);
        s[1] = Clamp(y - 0.344136 * cb - 0.714136 * cr, maxValue);
        s[2] = Clamp(y + 1.772 * cb, maxValue);
    }

    private static int Clamp(double v, int max)
    {
        int i = (int)Math.Round(v);
        return i < 0 ? 0 : i > max ? max : i;
    }
}
