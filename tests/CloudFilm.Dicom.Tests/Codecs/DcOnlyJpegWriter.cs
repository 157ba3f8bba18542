namespace CloudFilm.Dicom.Tests.Codecs;

/// <summary>
/// Writes tiny baseline JPEG streams (T.81 SOF0) whose 8×8 blocks are flat, so every block is a DC coefficient and
/// an end-of-block: enough to test a decoder's block layout, sampling, restart intervals and byte stuffing with
/// known expected pixels, without a full DCT encoder. Quantiser 8 for DC makes the coded value level − 128.
/// </summary>
public sealed class DcOnlyJpegWriter
{
    private readonly List<byte> _out = [];
    private int _bits;
    private int _bitCount;

    /// <param name="blockValues">Per component, the value of each block in raster order of that component's block grid.</param>
    /// <param name="sampling">Per component (H, V).</param>
    public static byte[] Write(int width, int height, (int H, int V)[] sampling, Func<int, int, int, int> blockValue, int restartInterval)
    {
        var w = new DcOnlyJpegWriter();
        return w.Build(width, height, sampling, blockValue, restartInterval);
    }

    private byte[] Build(int width, int height, (int H, int V)[] sampling, Func<int, int, int, int> blockValue, int restartInterval)
    {
        int n = sampling.Length;
        int hMax = sampling.Max(s => s.H);
        int vMax = sampling.Max(s => s.V);
        Bytes(0xFF, 0xD8);

        // DQT: table 0, DC step 8, all AC steps 1.
        Bytes(0xFF, 0xDB, 0, 67, 0, 8);
        for (int i = 1; i < 64; i++)
        {
            Bytes(1);
        }

        // SOF0
        Bytes(0xFF, 0xC0, 0, (byte)(8 + 3 * n), 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)n);
        for (int c = 0; c < n; c++)
        {
            Bytes((byte)(c + 1), (byte)((sampling[c].H << 4) | sampling[c].V), 0);
        }

        // DHT: DC table 0 with categories 0..11 as 4-bit codes; AC table 0 with only EOB as code "0".
        Bytes(0xFF, 0xC4, 0, 2 + 17 + 12, 0x00, 0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        for (int i = 0; i < 12; i++)
        {
            Bytes((byte)i);
        }

        Bytes(0xFF, 0xC4, 0, 2 + 17 + 1, 0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00);
        if (restartInterval > 0)
        {
            Bytes(0xFF, 0xDD, 0, 4, (byte)(restartInterval >> 8), (byte)restartInterval);
        }

        Bytes(0xFF, 0xDA, 0, (byte)(6 + 2 * n), (byte)n);
        for (int c = 0; c < n; c++)
        {
            Bytes((byte)(c + 1), 0x00);
        }

        Bytes(0, 63, 0);

        int mcusX = (width + 8 * hMax - 1) / (8 * hMax);
        int mcusY = (height + 8 * vMax - 1) / (8 * vMax);
        var predictions = new int[n];
        int mcu = 0;
        for (int my = 0; my < mcusY; my++)
        {
            for (int mx = 0; mx < mcusX; mx++, mcu++)
            {
                if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0)
                {
                    Align();
                    Bytes(0xFF, (byte)(0xD0 + (mcu / restartInterval - 1) % 8));
                    Array.Clear(predictions);
                }

                for (int c = 0; c < n; c++)
                {
                    for (int by = 0; by < sampling[c].V; by++)
                    {
                        for (int bx = 0; bx < sampling[c].H; bx++)
                        {
                            int value = blockValue(c, mx * sampling[c].H + bx, my * sampling[c].V + by) - 128;
                            int diff = value - predictions[c];
                            predictions[c] = value;
                            int category = diff == 0 ? 0 : 32 - int.LeadingZeroCount(Math.Abs(diff));
                            Bits(category, 4);
                            if (category > 0)
                            {
                                Bits(diff < 0 ? diff - 1 : diff, category);
                            }

                            Bits(0, 1); // EOB
                        }
                    }
                }
            }
        }

        Align();
        Bytes(0xFF, 0xD9);
        return [.. _out];
    }

    private void Bytes(params byte[] bytes) => _out.AddRange(bytes);

    private void Bits(int value, int count)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            _bits = (_bits << 1) | ((value >> i) & 1);
            if (++_bitCount == 8)
            {
                Emit();
            }
        }
    }

    private void Align()
    {
        while (_bitCount != 0)
        {
            Bits(1, 1);
        }
    }

    private void Emit()
    {
        byte b = (byte)_bits;
        _out.Add(b);
        if (b == 0xFF)
        {
            _out.Add(0);
        }

        _bits = 0;
        _bitCount = 0;
    }
}
