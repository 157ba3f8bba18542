namespace CloudFilm.Dicom.Codecs.JpegLs;

/// <summary>
/// The adaptive state of a JPEG-LS scan (T.87 §A.2.2): A, B, C, N for the 365 regular contexts and A, N, Nn for the
/// two run-interruption contexts (indices 365 and 366), plus the quantised-gradient table of §A.3.3.
/// Encoder and decoder share this so their context updates cannot drift apart.
/// </summary>
internal sealed class JpegLsContexts
{
    public const int RunContextBase = 365;

    /// <summary>Run-length order table J of T.87 §A.7.1.1.</summary>
    public static ReadOnlySpan<byte> J =>
        [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15];

    public readonly int[] A = new int[367];
    public readonly int[] B = new int[367];
    public readonly int[] C = new int[367];
    public readonly int[] N = new int[367];
    public readonly int[] Nn = new int[367];

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

    /// <summary>Initial values of T.87 §A.2.1, used at the start of each scan.</summary>
    public void Reset()
    {
        Array.Fill(A, Presets.InitialA);
        Array.Clear(B);
        Array.Clear(C);
        Array.Fill(N, 1);
        Array.Clear(Nn);
    }

    /// <summary>Regular-mode context update and bias correction (T.87 §A.6.1, §A.6.2).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void UpdateRegular(int q, int errval, int nearFactor, int reset)
    {
        int a = A[q] + Math.Abs(errval);
        int b = B[q] + errval * nearFactor;
        int n = N[q];
        if (n == reset)
        {
            a >>= 1;
            b = b >= 0 ? b >> 1 : -((1 - b) >> 1);
            n >>= 1;
        }

        n++;
        A[q] = a;
        N[q] = n;
        if (b <= -n)
        {
            b += n;
            if (C[q] > -128)
            {
                C[q]--;
            }

            if (b <= -n)
            {
                b = -n + 1;
            }
        }
        else if (b > 0)
        {
            b -= n;
            if (C[q] < 127)
            {
                C[q]++;
            }

            if (b > 0)
            {
                b = 0;
            }
        }

        B[q] = b;
    }

    /// <summary>Run-interruption context update (T.87 §A.7.2.2, code segment A.23).</summary>
    public void UpdateRunInterruption(int q, int errval, int emErrval, int riType, int reset)
    {
        if (errval < 0)
        {
            Nn[q]++;
        }

        A[q] += (emErrval + 1 - riType) >> 1;
        if (N[q] == reset)
        {
            A[q] >>= 1;
            N[q] >>= 1;
            Nn[q] >>= 1;
        }

        N[q]++;
    }

    /// <summary>Golomb parameter k: the least k with N·2^k ≥ A (T.87 §A.5.1).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int GolombK(int n, int a)
    {
        // The answer is log2(a) − log2(n) or one more; no loop needed.
        int k = System.Numerics.BitOperations.Log2((uint)a) - System.Numerics.BitOperations.Log2((uint)n);
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
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
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
