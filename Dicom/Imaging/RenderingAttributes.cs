namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// Everything besides the pixel format that decides how stored pixel values become display values: the
/// Modality LUT module (PS3.3 C.11.1), VOI LUT module (C.11.2), Palette Color LUTs (C.7.6.3.1.5, C.7.9),
/// Pixel Padding Value (C.7.5.1.1.2) and Presentation LUT Shape (C.11.6). Plain values, independent of any data set.
/// </summary>
public sealed record RenderingAttributes
{
    /// <summary>Attributes of an image without any of these modules: identity rescale, no window, no LUTs.</summary>
    public static RenderingAttributes None { get; } = new();

    /// <summary>Rescale Slope (0028,1053); 1 when absent.</summary>
    public double RescaleSlope { get; init; } = 1;

    /// <summary>Rescale Intercept (0028,1052); 0 when absent.</summary>
    public double RescaleIntercept { get; init; }

    /// <summary>
    /// The first item of the Modality LUT Sequence (0028,3000). When present it replaces rescale slope and intercept
    /// (PS3.3 C.11.1). Leave it null for XA/XRF, where it is not a display step.
    /// </summary>
    public LookupTable? ModalityLut { get; init; }

    /// <summary>Window Center / Width pairs in file order, in modality units.</summary>
    public IReadOnlyList<VoiWindow> Windows { get; init; } = [];

    /// <summary>VOI LUT Function (0028,1056) that applies to <see cref="Windows"/>.</summary>
    public VoiLutFunction VoiLutFunction { get; init; } = VoiLutFunction.Linear;

    /// <summary>Items of the VOI LUT Sequence (0028,3010). When present, they are used instead of the windows.</summary>
    public IReadOnlyList<LookupTable> VoiLuts { get; init; } = [];

    /// <summary>Palette Color LUTs; required when the photometric interpretation is PALETTE COLOR.</summary>
    public PaletteColorLut? Palette { get; init; }

    /// <summary>Pixel Padding Value (0028,0120) as a stored value (sign-extended when pixel data is signed).</summary>
    public int? PixelPaddingValue { get; init; }

    /// <summary>Pixel Padding Range Limit (0028,0121): with <see cref="PixelPaddingValue"/>, an inclusive range of padding.</summary>
    public int? PixelPaddingRangeLimit { get; init; }

    /// <summary>Presentation LUT Shape (2050,0020).</summary>
    public PresentationLutShape PresentationLutShape { get; init; }

    /// <summary>Whether a stored value is padding (PS3.3 C.7.5.1.1.2): equal to the padding value, or within the range it spans with the limit.</summary>
    public bool IsPadding(long stored)
    {
        if (PixelPaddingValue is not { } value)
        {
            return false;
        }

        if (PixelPaddingRangeLimit is not { } limit)
        {
            return stored == value;
        }

        return stored >= Math.Min(value, limit) && stored <= Math.Max(value, limit);
    }
}
