using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CloudFilm.Dicom.Codecs.JpegLs;

/// <summary>
/// Decodes lines of one scan (T.87 Annex A, the decoder side of <see cref="JpegLsLineEncoder"/>), into int buffers
/// of width + 2 with guard samples. Every value read from the stream is bounded before use, so corrupt data ends
/// in a <see cref="DicomFormatException"/>, never an overrun.
/// </summary>
internal sealed class JpegLsLineDecoder
{
    private readonly JpegLsContexts _ctx;
    private readonly JpegLsBitReader _reader;
    private readonly JpegLsPresets _p;
    private readonly int _maxVal, _range, _near, _limit, _qbpp, _reset;

    public JpegLsLineDecoder(JpegLsContexts contexts, JpegLsBitReader reader)
    {
        _ctx = contexts;
        _reader = reader;
        _p = contexts.Presets;
        (_maxVal, _range, _near, _limit, _qbpp, _reset) = (_p.MaxVal, _p.Range, _p.Near, _p.Limit, _p.Qbpp, _p.Reset);
    }

    public void DecodeLine(int[] previous, int[] current, int width, ref int runIndex)
    {
        previous[width + 1] = previous[width];
        current[0] = previous[1];
        ref int prev = ref MemoryMarshal.GetArrayDataReference(previous);
        ref int cur = ref MemoryMarshal.GetArrayDataReference(current);
        int x = 1;
        while (x <= width)
        {
            int ra = Unsafe.Add(ref cur, x - 1);
            int rb = Unsafe.Add(ref prev, x);
            int rc = Unsafe.Add(ref prev, x - 1);
            int rd = Unsafe.Add(ref prev, x + 1);
            int q = _ctx.Context(rd - rb, rb - rc, rc - ra);
            if (q == 0)
            {
                x = DecodeRun(previous, current, x, width, ref runIndex);
                continue;
            }

            Unsafe.Add(ref cur, x) = DecodeRegular(q, ra, rb, rc);
            x++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int DecodeRegular(int q, int ra, int rb, int rc)
    {
        int sign = q >> 31;
        q = (q ^ sign) - sign;
        int px = JpegLsContexts.Predict(ra, rb, rc);
        ref var cx = ref _ctx[q];
        px += (cx.C ^ sign) - sign;
        if (px > _maxVal)
        {
            px = _maxVal;
        }
        else if (px < 0)
        {
            px = 0;
        }

        int n = cx.N;
        int k = JpegLsContexts.GolombK(n, cx.A);
        int mapped = _reader.ReadGolomb(k, _limit, _qbpp);
        int errval = (mapped & 1) != 0 ? -((mapped + 1) >> 1) : mapped >> 1;
        int near = _near;
        if (near == 0 && k == 0 && 2 * cx.B <= -n)
        {
            errval = ~errval;
        }

        if (Math.Abs(errval) > _range)
        {
            throw _reader.Corrupt("error value out of range");
        }

        JpegLsContexts.UpdateRegular(ref cx, errval, 2 * near + 1, _reset);
        errval = (errval ^ sign) - sign;
        return Reconstruct(px, errval);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Reconstruct(int px, int errval)
    {
        int near = _near;
        if (near == 0)
        {
            int value = px + errval;
            if (value < 0)
            {
                value += _range;
            }
            else if (value > _maxVal)
            {
                value -= _range;
            }

            return value < 0 ? 0 : value > _maxVal ? _maxVal : value;
        }

        int step = 2 * near + 1;
        int rx = px + errval * step;
        if (rx < -near)
        {
            rx += _range * step;
        }
        else if (rx > _maxVal + near)
        {
            rx -= _range * step;
        }

        return rx < 0 ? 0 : rx > _maxVal ? _maxVal : rx;
    }

    private int DecodeRun(int[] previous, int[] current, int x, int width, ref int runIndex)
    {
        int ra = current[x - 1];
        int remaining = width - x + 1;
        int length = DecodeRunLength(remaining, ref runIndex);
        current.AsSpan(x, length).Fill(ra);
        if (length == remaining)
        {
            return width + 1;
        }

        x += length;
        current[x] = DecodeRunInterruption(previous[x], ra, runIndex, sampleInterleaved: false);
        if (runIndex > 0)
        {
            runIndex--;
        }

        return x + 1;
    }

    /// <summary>Run length of T.87 §A.7.1 (decoder side): full J-blocks as 1 bits, then 0 and the remainder.</summary>
    private int DecodeRunLength(int remaining, ref int runIndex)
    {
        int length = 0;
        var j = JpegLsContexts.J;
        while (_reader.ReadBit() == 1)
        {
            int block = 1 << j[runIndex];
            int count = Math.Min(block, remaining - length);
            length += count;
            if (count == block && runIndex < 31)
            {
                runIndex++;
            }

            if (length == remaining)
            {
                break;
            }
        }

        if (length < remaining)
        {
            length += _reader.ReadBits(j[runIndex]);
            if (length > remaining)
            {
                throw _reader.Corrupt("run passes the end of the line");
            }
        }

        return length;
    }

    private int DecodeRunInterruption(int rb, int ra, int runIndex, bool sampleInterleaved)
    {
        // In sample-interleaved scans every component of the interrupting pixel uses the RItype 0 context, as CharLS
        // (and so dcmtk) codes it.
        var ctx = _ctx;
        int riType = !sampleInterleaved && Math.Abs(ra - rb) <= _near ? 1 : 0;
        int px = riType == 1 ? ra : rb;
        int q = JpegLsContexts.RunContextBase + riType;
        ref var cx = ref ctx[q];
        int n = cx.N;
        int temp = riType == 1 ? cx.A + (n >> 1) : cx.A;
        int k = JpegLsContexts.GolombK(n, temp);
        int emErrval = _reader.ReadGolomb(k, _limit - JpegLsContexts.J[runIndex] - 1, _qbpp);
        int sum = emErrval + riType;
        int map = sum & 1;
        int errval = (sum + map) >> 1;
        bool negativeWhenMapped = k != 0 || 2 * cx.Nn >= n;
        if ((map == 1) == negativeWhenMapped)
        {
            errval = -errval;
        }

        if (Math.Abs(errval) > _range)
        {
            throw _reader.Corrupt("run interruption error out of range");
        }

        JpegLsContexts.UpdateRunInterruption(ref cx, errval, emErrval, riType, _reset);
        if (riType == 0 && ra > rb)
        {
            errval = -errval;
        }

        return Reconstruct(px, errval);
    }

    /// <summary>
    /// Decodes one line of a sample-interleaved scan (ILV 2, T.87 B.3): contexts shared by all components, run mode
    /// only when every component is flat, one run index for the scan.
    /// </summary>
    public void DecodeSampleInterleavedLine(int[][] previous, int[][] current, int width, ref int runIndex)
    {
        int count = previous.Length;
        for (int c = 0; c < count; c++)
        {
            previous[c][width + 1] = previous[c][width];
            current[c][0] = previous[c][1];
        }

        Span<int> contexts = stackalloc int[4];
        int x = 1;
        while (x <= width)
        {
            bool flat = true;
            for (int c = 0; c < count; c++)
            {
                int[] prev = previous[c];
                int ra = current[c][x - 1];
                int rb = prev[x];
                int rc = prev[x - 1];
                int rd = prev[x + 1];
                contexts[c] = _ctx.Context(rd - rb, rb - rc, rc - ra);
                flat &= contexts[c] == 0;
            }

            if (flat)
            {
                x = DecodeSampleInterleavedRun(previous, current, x, width, ref runIndex);
                continue;
            }

            for (int c = 0; c < count; c++)
            {
                int[] prev = previous[c];
                current[c][x] = DecodeRegular(contexts[c], current[c][x - 1], prev[x], prev[x - 1]);
            }

            x++;
        }
    }

    private int DecodeSampleInterleavedRun(int[][] previous, int[][] current, int x, int width, ref int runIndex)
    {
        int remaining = width - x + 1;
        int length = DecodeRunLength(remaining, ref runIndex);
        for (int c = 0; c < current.Length; c++)
        {
            current[c].AsSpan(x, length).Fill(current[c][x - 1]);
        }

        if (length == remaining)
        {
            return width + 1;
        }

        x += length;
        for (int c = 0; c < current.Length; c++)
        {
            current[c][x] = DecodeRunInterruption(previous[c][x], current[c][x - 1], runIndex, sampleInterleaved: true);
        }

        if (runIndex > 0)
        {
            runIndex--;
        }

        return x + 1;
    }
}
