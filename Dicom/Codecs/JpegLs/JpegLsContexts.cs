using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CloudFilm.Dicom.Codecs.JpegLs;

/// <summary>One context's adaptive counters (T.87 §A.2.2): A, B, C, N, and Nn for the run-interruption contexts.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct JpegLsContext
{
    public int A;
    public int B;
    public int C;
    public int N;
    public int Nn;
}

/// <summary>
/// The adaptive state of a JPEG-LS scan (T.87 §A.2.2): 365 regular contexts and the two run-interruption contexts
/// (indices 365 and 366), kept together per context so one update touches one cache line, plus the
/// quantised-gradient table of §A.3.3. Encoder and decoder share this so their updates cannot drift apart.
/// </summary>
internal sealed class JpegLsContexts
{
    public const int RunContextBase = 365;

    /// <summary>Run-length order table J of T.87 §A.7.1.1.</summary>
    public static ReadOnlySpan<byte> J =>
        [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15];

    private readonly JpegLsContext[] _contexts = new JpegLsContext[367];

    /// <summary>Quantised gradient for d + <see cref="QuantOffset"/>: −4..4 (T.87 §A.3.3).</summary>
    public readonly sbyte[] Quant;

    public readonly int QuantOffset;

    public JpegLsContexts(JpegLsPresets p)
    {
        Presets = p;
        QuantOffset = p.MaxVal;
        Quant = QuantTables.Get(p);
        Reset();
    }

    public JpegLsPresets Presets { get; }

    /// <summary>Context <paramref name="q"/> (0..366); callers only pass indices they computed from the tables.</summary>
    public ref JpegLsContext this[int q]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_contexts), q);
    }

    /// <summary>
    /// Quantised context number 81·Q1 + 9·Q2 + Q3 (−364..364) of the gradients d1..d3, which are within ±MAXVAL
    /// because reconstructed samples are clamped to 0..MAXVAL.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Context(int d1, int d2, int d3)
    {
        ref sbyte q = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Quant), QuantOffset);
        return 81 * Unsafe.Add(ref q, d1) + 9 * Unsafe.Add(ref q, d2) + Unsafe.Add(ref q, d3);
    }

    /// <summary>Initial values of T.87 §A.2.1, used at the start of each scan.</summary>
    public void Reset()
    {
        for (int i = 0; i < _contexts.Length; i++)
        {
            _contexts[i] = new JpegLsContext { A = Presets.InitialA, N = 1 };
        }
    }

    /// <summary>Regular-mode context update and bias correction (T.87 §A.6.1, §A.6.2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void UpdateRegular(ref JpegLsContext cx, int errval, int nearFactor, int reset)
    {
        int a = cx.A + Math.Abs(errval);
        int b = cx.B + errval * nearFactor;
        int n = cx.N;
        if (n == reset)
        {
            a >>= 1;
            b = b >= 0 ? b >> 1 : -((1 - b) >> 1);
            n >>= 1;
        }

        n++;
        cx.A = a;
        cx.N = n;
        if (b <= -n)
        {
            b += n;
            if (cx.C > -128)
            {
                cx.C--;
            }

            if (b <= -n)
            {
                b = -n + 1;
            }
        }
        else if (b > 0)
        {
            b -= n;
            if (cx.C < 127)
            {
                cx.C++;
            }

            if (b > 0)
            {
                b = 0;
            }
        }

        cx.B = b;
    }

    /// <summary>Run-interruption context update (T.87 §A.7.2.2, code segment A.23).</summary>
    public static void UpdateRunInterruption(ref JpegLsContext cx, int errval, int emErrval, int riType, int reset)
    {
        if (errval < 0)
        {
            cx.Nn++;
        }

        cx.A += (emErrval + 1 - riType) >> 1;
        if (cx.N == reset)
        {
            cx.A >>= 1;
            cx.N >>= 1;
            cx.Nn >>= 1;
        }

        cx.N++;
    }

    /// <summary>Golomb parameter k: the least k with N·2^k ≥ A (T.87 §A.5.1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GolombK(int n, int a)
    {
        // The answer is log2(a) − log2(n) or one more; no loop needed.
        int k = BitOperations.Log2((uint)a) - BitOperations.Log2((uint)n);
        if (k < 0)
        {
            k = 0;
        }

        if ((n << k) < a)
        {
            k++;
        }

        return k;
    }

    /// <summary>Median edge detector prediction (T.87 §A.4.1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Predict(int ra, int rb, int rc)
    {
        int max = Math.Max(ra, rb);
        int min = Math.Min(ra, rb);
        if (rc >= max)
        {
            return min;
        }

        return rc <= min ? max : ra + rb - rc;
    }
}
