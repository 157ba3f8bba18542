namespace CloudFilm.Dicom.Codecs.Jpeg;

/// <summary>
/// Brings a subsampled component to full resolution. For the usual 2:1 cases it interpolates with the triangle
/// filter (each output sample weighs its nearer source sample 3/4 and the farther 1/4), which is what the IJG
/// library does by default and so what dcmtk and most viewers show; other ratios are replicated.
/// </summary>
internal static class ChromaUpsampler
{
    /// <param name="plane">Source samples, row stride <paramref name="stride"/>.</param>
    /// <param name="sourceWidth">Meaningful source columns: ceil(width·H/Hmax).</param>
    /// <param name="sourceHeight">Meaningful source rows: ceil(height·V/Vmax).</param>
    public static int[] Upsample(int[] plane, int stride, int sourceWidth, int sourceHeight, int h, int v, int hMax, int vMax, int width, int height)
    {
        var output = new int[width * height];
        if (h == hMax && v == vMax)
        {
            for (int y = 0; y < height; y++)
            {
                plane.AsSpan(y * stride, width).CopyTo(output.AsSpan(y * width, width));
            }

            return output;
        }

        bool twoH = h * 2 == hMax;
        bool twoV = v * 2 == vMax;
        if (twoH && v == vMax)
        {
            for (int y = 0; y < height; y++)
            {
                HorizontalRow(plane.AsSpan(y * stride, sourceWidth), output.AsSpan(y * width, width), weighted: false);
            }

            return output;
        }

        if (twoH && twoV)
        {
            var sums = new int[sourceWidth];
            for (int y = 0; y < height; y++)
            {
                int row = y / 2;
                int neighbour = Math.Clamp((y & 1) == 0 ? row - 1 : row + 1, 0, sourceHeight - 1);
                var near = plane.AsSpan(row * stride, sourceWidth);
                var far = plane.AsSpan(neighbour * stride, sourceWidth);
                for (int x = 0; x < sourceWidth; x++)
                {
                    sums[x] = 3 * near[x] + far[x];
                }

                HorizontalRow(sums, output.AsSpan(y * width, width), weighted: true);
            }

            return output;
        }

        for (int y = 0; y < height; y++)
        {
            int sy = y * v / vMax;
            for (int x = 0; x < width; x++)
            {
                output[y * width + x] = plane[sy * stride + x * h / hMax];
            }
        }

        return output;
    }

    /// <summary>
    /// Doubles a row: even outputs lean on the left neighbour, odd ones on the right; the outermost outputs copy the
    /// edge sample. <paramref name="weighted"/> rows already carry the vertical 3:1 weights (scale 4).
    /// </summary>
    private static void HorizontalRow(ReadOnlySpan<int> source, Span<int> output, bool weighted)
    {
        int n = source.Length;
        int shift = weighted ? 4 : 2;
        int roundEven = weighted ? 8 : 1;
        int roundOdd = weighted ? 7 : 2;
        for (int i = 0; i < n; i++)
        {
            int even = 2 * i;
            if (even < output.Length)
            {
                output[even] = i == 0
                    ? (weighted ? (4 * source[0] + 8) >> 4 : source[0])
                    : (3 * source[i] + source[i - 1] + roundEven) >> shift;
            }

            if (even + 1 < output.Length)
            {
                output[even + 1] = i == n - 1
                    ? (weighted ? (4 * source[i] + 7) >> 4 : source[i])
                    : (3 * source[i] + source[i + 1] + roundOdd) >> shift;
            }
        }
    }
}
