using System.Collections.Concurrent;

namespace CloudFilm.Dicom.Codecs.JpegLs;

/// <summary>
/// Gradient quantisation tables (T.87 §A.3.3) for each set of presets, built once and shared: for 16-bit data the
/// table has 2^17 entries, too many to rebuild per frame.
/// </summary>
internal static class QuantTables
{
    private static readonly ConcurrentDictionary<(int MaxVal, int Near, int T1, int T2, int T3), sbyte[]> Cache = new();

    public static sbyte[] Get(JpegLsPresets p) =>
        Cache.GetOrAdd((p.MaxVal, p.Near, p.T1, p.T2, p.T3), static key => Build(key.MaxVal, key.Near, key.T1, key.T2, key.T3));

    private static sbyte[] Build(int maxVal, int near, int t1, int t2, int t3)
    {
        var table = new sbyte[2 * maxVal + 1];
        for (int i = 0; i < table.Length; i++)
        {
            int d = i - maxVal;
            table[i] = d <= -t3 ? (sbyte)-4
                : d <= -t2 ? (sbyte)-3
                : d <= -t1 ? (sbyte)-2
                : d < -near ? (sbyte)-1
                : d <= near ? (sbyte)0
                : d < t1 ? (sbyte)1
                : d < t2 ? (sbyte)2
                : d < t3 ? (sbyte)3
                : (sbyte)4;
        }

        return table;
    }
}
