using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CloudFilm.Dicom.Codecs.JpegLs;

/// <summary>
/// Encodes lines of one scan (T.87 Annex A): regular mode with context modelling and bias correction, run mode on
/// flat areas. Lines are int buffers of width + 2 with one guard sample each side so that the neighbours
/// Ra, Rb, Rc, Rd of the line edges (§A.2.1 / §A.3.1) need no special cases.
/// </summary>
internal sealed class JpegLsLineEncoder
{
    private readonly JpegLsContexts _ctx;
    private readonly JpegLsBitWriter _writer;
    private readonly JpegLsPresets _p;
    private readonly int _maxVal, _range, _near, _limit, _qbpp, _reset;

    public JpegLsLineEncoder(JpegLsContexts contexts, JpegLsBitWriter writer)
    {
        _ctx = contexts;
        _writer = writer;
        _p = contexts.Presets;
        (_maxVal, _range, _near, _limit, _qbpp, _reset) = (_p.MaxVal, _p.Range, _p.Near, _p.Limit, _p.Qbpp, _p.Reset);
    }

    /// <summary>
    /// Encodes <paramref name="current"/>[1..width]. <paramref name="previous"/> is the line above (zeros for the
    /// first line); both get their guard samples set here. In near-lossless mode the current line is overwritten
    /// with the reconstructed values the decoder will see.
    /// </summary>
    public void EncodeLine(int[] previous, int[] current, int width, ref int runIndex)
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
                x = EncodeRun(previous, current, x, width, ref runIndex);
                continue;
            }

            EncodeRegular(ref Unsafe.Add(ref cur, x), q, ra, rb, rc);
            x++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EncodeRegular(ref int sample, int q, int ra, int rb, int rc)
    {
        int sign = q >> 31;
        q = (q ^ sign) - sign;
        int px = JpegLsContexts.Predict(ra, rb, rc);
        ref var cx = ref _ctx[q];
        int correction = cx.C;
        px += (correction ^ sign) - sign;
        if (px > _maxVal)
        {
            px = _maxVal;
        }
        else if (px < 0)
        {
            px = 0;
        }

        int errval = sample - px;
        errval = (errval ^ sign) - sign;
        int near = _near;
        if (near != 0)
        {
            errval = QuantizeError(errval, near);
            sample = Reconstruct(px + ((errval ^ sign) - sign) * (2 * near + 1), _maxVal);
        }

        errval = ReduceModulo(errval, _range);
        int n = cx.N;
        int k = JpegLsContexts.GolombK(n, cx.A);
        int mapped = errval >= 0 ? 2 * errval : -2 * errval - 1;
        if (near == 0 && k == 0 && 2 * cx.B <= -n)
        {
            // Special mapping of §A.5.2: codes −(E+1) instead of E.
            mapped = errval >= 0 ? 2 * errval + 1 : -2 * (errval + 1);
        }

        _writer.WriteGolomb(mapped, k, _limit, _qbpp);
        JpegLsContexts.UpdateRegular(ref cx, errval, 2 * near + 1, _reset);
    }

    private int EncodeRun(int[] previous, int[] current, int x, int width, ref int runIndex)
    {
        int near = _near;
        int ra = current[x - 1];
        int remaining = width - x + 1;
        int length = 0;
        if (near == 0)
        {
            var line = current.AsSpan(x, remaining);
            int differs = line.IndexOfAnyExcept(ra);
            length = differs < 0 ? remaining : differs;
        }
        else
        {
            while (length < remaining && Math.Abs(current[x + length] - ra) <= near)
            {
                current[x + length] = ra;
                length++;
            }
        }

        bool endOfLine = length == remaining;
        var j = JpegLsContexts.J;
        int left = length;
        while (left >= (1 << j[runIndex]))
        {
            _writer.WriteBits(1, 1);
            left -= 1 << j[runIndex];
            if (runIndex < 31)
            {
                runIndex++;
            }
        }

        if (endOfLine)
        {
            if (left > 0)
            {
                _writer.WriteBits(1, 1);
            }

            return width + 1;
        }

        _writer.WriteBits((uint)left, j[runIndex] + 1);
        x += length;
        EncodeRunInterruption(previous, current, x, ra, runIndex);
        if (runIndex > 0)
        {
            runIndex--;
        }

        return x + 1;
    }

    private void EncodeRunInterruption(int[] previous, int[] current, int x, int ra, int runIndex)
    {
        var ctx = _ctx;
        int near = _near;
        int rb = previous[x];
        int riType = Math.Abs(ra - rb) <= near ? 1 : 0;
        int px = riType == 1 ? ra : rb;
        int errval = current[x] - px;
        bool negate = riType == 0 && ra > rb;
        if (negate)
        {
            errval = -errval;
        }

        if (near != 0)
        {
            errval = QuantizeError(errval, near);
            current[x] = Reconstruct(px + (negate ? -errval : errval) * (2 * near + 1), _maxVal);
        }

        errval = ReduceModulo(errval, _range);
        int q = JpegLsContexts.RunContextBase + riType;
        ref var cx = ref ctx[q];
        int temp = riType == 1 ? cx.A + (cx.N >> 1) : cx.A;
        int n = cx.N;
        int k = JpegLsContexts.GolombK(n, temp);
        int nn = cx.Nn;
        int map = (k == 0 && errval > 0 && 2 * nn < n) || (errval < 0 && 2 * nn >= n) || (errval < 0 && k != 0) ? 1 : 0;
        int emErrval = 2 * Math.Abs(errval) - riType - map;
        _writer.WriteGolomb(emErrval, k, _limit - JpegLsContexts.J[runIndex] - 1, _qbpp);
        JpegLsContexts.UpdateRunInterruption(ref cx, errval, emErrval, riType, _reset);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int QuantizeError(int errval, int near) =>
        errval > 0 ? (errval + near) / (2 * near + 1) : -((near - errval) / (2 * near + 1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Reconstruct(int value, int maxVal) => value < 0 ? 0 : value > maxVal ? maxVal : value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ReduceModulo(int errval, int range)
    {
        if (errval < 0)
        {
            errval += range;
        }

        if (errval >= (range + 1) / 2)
        {
            errval -= range;
        }

        return errval;
    }
}
