namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// The grayscale display pipeline for one stored value (PS3.4 Annex N, PS3.3 C.11): modality LUT or rescale,
/// then VOI (window or VOI LUT), then the presentation polarity (MONOCHROME1 or Presentation LUT Shape INVERSE,
/// applied once), giving an 8-bit display value.
/// </summary>
public sealed class GrayscalePipeline
{
    private readonly double _slope;
    private readonly double _intercept;
    private readonly LookupTable? _modalityLut;
    private readonly LookupTable? _voiLut;
    private readonly VoiWindow _window;
    private readonly VoiLutFunction _function;

    private GrayscalePipeline(RenderingAttributes attributes, LookupTable? voiLut, VoiWindow window, VoiLutFunction function, bool invert)
    {
        _slope = attributes.RescaleSlope;
        _intercept = attributes.RescaleIntercept;
        _modalityLut = attributes.ModalityLut;
        _voiLut = voiLut;
        _window = window;
        _function = function;
        Inverts = invert;
    }

    /// <summary>The window in use, or null when a VOI LUT is used instead.</summary>
    public VoiWindow? Window => _voiLut is null ? _window : null;

    /// <summary>The VOI function applied to <see cref="Window"/>.</summary>
    public VoiLutFunction Function => _function;

    /// <summary>Whether the output is inverted (MONOCHROME1, or Presentation LUT Shape INVERSE).</summary>
    public bool Inverts { get; }

    /// <summary>
    /// True when neither the options nor the attributes give a window or VOI LUT, so the caller must find the range
    /// of stored values in the frame (without padding) for <see cref="Create"/>.
    /// </summary>
    public static bool NeedsStoredRange(RenderingAttributes attributes, RenderOptions options) =>
        options.Window is null &&
        (options.UseMinMaxWindow || (attributes.Windows.Count == 0 && attributes.VoiLuts.Count == 0));

    /// <summary>
    /// Chooses the VOI stage: the window from <paramref name="options"/>, else the file's VOI LUT (PS3.3 C.11.2: a VOI
    /// LUT Sequence is used in place of the window), else the file's window, else a LINEAR window spanning the modality
    /// values of <paramref name="storedRange"/> (the smallest and largest non-padding stored values of the frame).
    /// </summary>
    public static GrayscalePipeline Create(
        string photometricInterpretation,
        RenderingAttributes attributes,
        RenderOptions options,
        (long Min, long Max)? storedRange) =>
        Choose(photometricInterpretation, attributes, options,
            storedRange is { } range ? probe => probe.ModalityRange(range.Min, range.Max) : null);

    /// <summary>
    /// Like <see cref="Create"/> for Float and Double Float Pixel Data (PS3.3 C.7.6.3.1.4): values are used as they
    /// are (rescale applied, never a Modality LUT); <paramref name="valueRange"/> is the smallest and largest finite
    /// value of the frame.
    /// </summary>
    public static GrayscalePipeline CreateForFloatValues(
        string photometricInterpretation,
        RenderingAttributes attributes,
        RenderOptions options,
        (double Min, double Max)? valueRange) =>
        Choose(photometricInterpretation, attributes with { ModalityLut = null }, options,
            valueRange is { } range ? probe => probe.FloatModalityRange(range.Min, range.Max) : null);

    private static GrayscalePipeline Choose(
        string photometricInterpretation,
        RenderingAttributes attributes,
        RenderOptions options,
        Func<GrayscalePipeline, (double Min, double Max)>? modalityRange)
    {
        bool monochrome1 = string.Equals(photometricInterpretation, "MONOCHROME1", StringComparison.Ordinal);
        // MONOCHROME1 with INVERSE names the same inversion twice (e.g. DX requires INVERSE for MONOCHROME1): invert once.
        bool invert = monochrome1 || attributes.PresentationLutShape == PresentationLutShape.Inverse;

        if (options.Window is { } given)
        {
            return new GrayscalePipeline(attributes, null, given, options.WindowFunction ?? VoiLutFunction.Linear, invert);
        }

        int index = options.VoiIndex;
        if (!options.UseMinMaxWindow && attributes.VoiLuts.Count > 0)
        {
            var lut = attributes.VoiLuts[index >= 0 && index < attributes.VoiLuts.Count ? index : 0];
            return new GrayscalePipeline(attributes, lut, default, VoiLutFunction.Linear, invert);
        }

        if (!options.UseMinMaxWindow && attributes.Windows.Count > 0)
        {
            var window = attributes.Windows[index >= 0 && index < attributes.Windows.Count ? index : 0];
            return new GrayscalePipeline(attributes, null, window, attributes.VoiLutFunction, invert);
        }

        if (modalityRange is null)
        {
            throw new ArgumentException("a value range is needed when no window or VOI LUT is given", nameof(modalityRange));
        }

        var probe = new GrayscalePipeline(attributes, null, default, VoiLutFunction.Linear, invert);
        var (min, max) = modalityRange(probe);
        return new GrayscalePipeline(attributes, null, WindowFunctions.MinMax(min, max), VoiLutFunction.Linear, invert);
    }

    /// <summary>Modality value of a stored value (PS3.3 C.11.1): the Modality LUT when there is one, else slope × value + intercept.</summary>
    public double ToModality(long stored) =>
        _modalityLut is { } lut ? lut.Lookup(stored) : stored * _slope + _intercept;

    /// <summary>VOI output as a fraction of the display range (0..1), before polarity.</summary>
    public double ToVoiFraction(double modality)
    {
        if (_voiLut is { } lut)
        {
            return (double)lut.Lookup((long)Math.Floor(modality)) / lut.MaxOutput;
        }

        return WindowFunctions.Apply(_function, modality, _window.Center, _window.Width);
    }

    /// <summary>Modality value of a floating point pixel value: rescale only.</summary>
    public double ToModality(double value) => value * _slope + _intercept;

    /// <summary>The 8-bit display value of a stored value.</summary>
    public byte ToDisplay(long stored) => ToDisplayFromModality(ToModality(stored));

    /// <summary>The 8-bit display value of a modality value: VOI, then polarity.</summary>
    public byte ToDisplayFromModality(double modality)
    {
        double fraction = ToVoiFraction(modality);
        if (Inverts)
        {
            fraction = 1 - fraction;
        }

        return (byte)Math.Clamp((int)(fraction * 255 + 0.5), 0, 255);
    }

    private (double Min, double Max) FloatModalityRange(double min, double max)
    {
        double a = ToModality(min);
        double b = ToModality(max);
        return (Math.Min(a, b), Math.Max(a, b));
    }

    private (double Min, double Max) ModalityRange(long minStored, long maxStored)
    {
        if (_modalityLut is null)
        {
            // Linear: the extremes map to the extremes, swapped when the slope is negative.
            double a = ToModality(minStored);
            double b = ToModality(maxStored);
            return (Math.Min(a, b), Math.Max(a, b));
        }

        // A LUT need not be monotonic; it has at most 65536 entries, so look at every entry the range reaches
        // (values outside the table repeat its first or last entry, which the two ends cover).
        double min = Math.Min(ToModality(minStored), ToModality(maxStored));
        double max = Math.Max(ToModality(minStored), ToModality(maxStored));
        long first = Math.Max(minStored, _modalityLut.FirstMappedValue);
        long last = Math.Min(maxStored, (long)_modalityLut.FirstMappedValue + _modalityLut.Count - 1);
        for (long s = first; s <= last; s++)
        {
            double m = ToModality(s);
            min = Math.Min(min, m);
            max = Math.Max(max, m);
        }

        return (min, max);
    }
}
