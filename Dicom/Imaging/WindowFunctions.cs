namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// The VOI window functions of PS3.3 C.11.2.1.2 and C.11.2.1.3, as a fraction of the output range (0 = minimum,
/// 1 = maximum), so one formula serves any output bit depth.
/// </summary>
public static class WindowFunctions
{
    /// <summary>
    /// LINEAR (PS3.3 C.11.2.1.2.1): x ≤ c − 0.5 − (w − 1)/2 gives 0, x &gt; c − 0.5 + (w − 1)/2 gives 1,
    /// otherwise (x − (c − 0.5))/(w − 1) + 0.5. The standard requires w ≥ 1; narrower windows fall back to
    /// LINEAR_EXACT so they still show something sensible.
    /// </summary>
    public static double Linear(double x, double center, double width)
    {
        if (width < 1)
        {
            return LinearExact(x, center, width);
        }

        double lower = center - 0.5 - (width - 1) / 2;
        double upper = center - 0.5 + (width - 1) / 2;
        if (x <= lower)
        {
            return 0;
        }

        if (x > upper)
        {
            return 1;
        }

        // Only reached when width > 1: with width 1 lower == upper and every x took a branch above.
        return (x - (center - 0.5)) / (width - 1) + 0.5;
    }

    /// <summary>
    /// LINEAR_EXACT (PS3.3 C.11.2.1.3.2): x ≤ c − w/2 gives 0, x &gt; c + w/2 gives 1, otherwise (x − c)/w + 0.5.
    /// A width of zero or less (invalid) becomes a threshold at the centre.
    /// </summary>
    public static double LinearExact(double x, double center, double width)
    {
        if (width <= 0)
        {
            return x < center ? 0 : 1;
        }

        if (x <= center - width / 2)
        {
            return 0;
        }

        if (x > center + width / 2)
        {
            return 1;
        }

        return (x - center) / width + 0.5;
    }

    /// <summary>SIGMOID (PS3.3 C.11.2.1.3.1): 1 / (1 + exp(−4(x − c)/w)). A width of zero or less becomes a threshold.</summary>
    public static double Sigmoid(double x, double center, double width)
    {
        if (width <= 0)
        {
            return x < center ? 0 : 1;
        }

        return 1 / (1 + Math.Exp(-4 * (x - center) / width));
    }

    /// <summary>Dispatches to the function named by <paramref name="function"/>.</summary>
    public static double Apply(VoiLutFunction function, double x, double center, double width) => function switch
    {
        VoiLutFunction.LinearExact => LinearExact(x, center, width),
        VoiLutFunction.Sigmoid => Sigmoid(x, center, width),
        _ => Linear(x, center, width),
    };

    /// <summary>
    /// The window that maps <paramref name="min"/> to 0 and <paramref name="max"/> to 1 under LINEAR: width
    /// max − min + 1, centre min + width/2 (used when an image brings no window of its own).
    /// </summary>
    public static VoiWindow MinMax(double min, double max)
    {
        double width = max - min + 1;
        return new VoiWindow(min + width / 2, width, "MIN/MAX");
    }
}
