namespace CloudFilm.Dicom.Codecs.JpegLs;

/// <summary>
/// The coding parameters of one JPEG-LS scan (ITU-T T.87 §C.2.4.1.1 preset parameters plus the derived values of
/// §A.2.1): MAXVAL, the gradient thresholds T1–T3, RESET, NEAR, and RANGE, qbpp, LIMIT computed from them.
/// </summary>
internal sealed class JpegLsPresets
{
    private const int BasicT1 = 3;
    private const int BasicT2 = 7;
    private const int BasicT3 = 21;
    public const int DefaultReset = 64;

    public JpegLsPresets(int maxVal, int near, int t1, int t2, int t3, int reset)
    {
        MaxVal = maxVal;
        Near = near;
        T1 = t1;
        T2 = t2;
        T3 = t3;
        Reset = reset;
        Range = (maxVal + 2 * near) / (2 * near + 1) + 1;
        Qbpp = CeilLog2(Range);
        int bpp = Math.Max(2, CeilLog2(maxVal + 1));
        Limit = 2 * (bpp + Math.Max(8, bpp));
        InitialA = Math.Max(2, (Range + 32) / 64);
    }

    public int MaxVal { get; }
    public int Near { get; }
    public int T1 { get; }
    public int T2 { get; }
    public int T3 { get; }
    public int Reset { get; }
    public int Range { get; }
    public int Qbpp { get; }
    public int Limit { get; }
    public int InitialA { get; }

    /// <summary>
    /// Builds the presets for a scan. Zero in any of <paramref name="maxVal"/>, T1–T3, <paramref name="reset"/> means
    /// "default" (T.87 §C.2.4.1.1: a zero in an LSE segment selects the default value).
    /// </summary>
    public static JpegLsPresets Create(int bitsPerSample, int near, int maxVal = 0, int t1 = 0, int t2 = 0, int t3 = 0, int reset = 0)
    {
        if (maxVal == 0)
        {
            maxVal = (1 << bitsPerSample) - 1;
        }

        var (d1, d2, d3) = DefaultThresholds(maxVal, near);
        return new JpegLsPresets(
            maxVal,
            near,
            t1 == 0 ? d1 : t1,
            t2 == 0 ? d2 : t2,
            t3 == 0 ? d3 : t3,
            reset == 0 ? DefaultReset : reset);
    }

    /// <summary>Default thresholds, T.87 §C.2.4.1.1.1.</summary>
    public static (int T1, int T2, int T3) DefaultThresholds(int maxVal, int near)
    {
        if (maxVal >= 128)
        {
            int factor = (Math.Min(maxVal, 4095) + 128) / 256;
            int t1 = Clamp(factor * (BasicT1 - 2) + 2 + 3 * near, near + 1, maxVal);
            int t2 = Clamp(factor * (BasicT2 - 3) + 3 + 5 * near, t1, maxVal);
            int t3 = Clamp(factor * (BasicT3 - 4) + 4 + 7 * near, t2, maxVal);
            return (t1, t2, t3);
        }
        else
        {
            int factor = 256 / (maxVal + 1);
            int t1 = Clamp(Math.Max(2, BasicT1 / factor + 3 * near), near + 1, maxVal);
            int t2 = Clamp(Math.Max(3, BasicT2 / factor + 5 * near), t1, maxVal);
            int t3 = Clamp(Math.Max(4, BasicT3 / factor + 7 * near), t2, maxVal);
            return (t1, t2, t3);
        }
    }

    /// <summary>Whether the presets are valid for a scan (T.87 §C.2.4.1.1 bounds), so a bad LSE cannot derail the coder.</summary>
    public bool IsValid(int bitsPerSample) =>
        MaxVal >= 1 && MaxVal < (1 << bitsPerSample) && Near >= 0 && Near <= Math.Min(255, MaxVal / 2)
        && T1 >= Near + 1 && T1 <= T2 && T2 <= T3 && T3 <= MaxVal && Reset >= 3 && Reset <= Math.Max(255, MaxVal);

    private static int Clamp(int i, int j, int maxVal) => i > maxVal || i < j ? j : i;

    private static int CeilLog2(int value)
    {
        int bits = 0;
        while ((1 << bits) < value)
        {
            bits++;
        }

        return bits;
    }
}
