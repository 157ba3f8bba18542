namespace CloudFilm.Dicom.Codecs.Jpeg;

/// <summary>
/// The 8×8 inverse DCT of T.81 A.3.3, computed separably in floating point from a cosine table: exact to rounding,
/// which keeps decoded pixels within one level of other conforming decoders (T.81 Annex A accuracy).
/// </summary>
internal static class InverseDct
{
    private static readonly float[] Table = BuildTable();

    /// <summary>Transforms dequantised coefficients (natural order) into samples with the level shift added and clamped.</summary>
    public static void Transform(Span<float> coefficients, Span<int> output, int levelShift, int maxValue)
    {
        Span<float> temp = stackalloc float[64];
        var table = Table;

        // Columns: temp[y, u] = Σv c[y, v] · F[v, u]
        for (int u = 0; u < 8; u++)
        {
            for (int y = 0; y < 8; y++)
            {
                float sum = 0;
                for (int v = 0; v < 8; v++)
                {
                    sum += table[y * 8 + v] * coefficients[v * 8 + u];
                }

                temp[y * 8 + u] = sum;
            }
        }

        // Rows: out[y, x] = Σu c[x, u] · temp[y, u]
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                float sum = 0;
                for (int u = 0; u < 8; u++)
                {
                    sum += table[x * 8 + u] * temp[y * 8 + u];
                }

                int value = (int)MathF.Round(sum) + levelShift;
                output[y * 8 + x] = value < 0 ? 0 : value > maxValue ? maxValue : value;
            }
        }
    }

    private static float[] BuildTable()
    {
        var table = new float[64];
        for (int x = 0; x < 8; x++)
        {
            for (int u = 0; u < 8; u++)
            {
                double cu = u == 0 ? 1 / Math.Sqrt(2) : 1;
                table[x * 8 + u] = (float)(cu / 2 * Math.Cos((2 * x + 1) * u * Math.PI / 16));
            }
        }

        return table;
    }
}
