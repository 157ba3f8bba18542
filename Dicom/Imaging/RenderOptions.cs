namespace CloudFilm.Dicom.Imaging;

/// <summary>Choices of the viewer that override or pick among the image's own VOI settings.</summary>
public sealed record RenderOptions
{
    public static RenderOptions Default { get; } = new();

    /// <summary>A window given by the user; replaces the file's windows and VOI LUTs.</summary>
    public VoiWindow? Window { get; init; }

    /// <summary>Function for <see cref="Window"/>; LINEAR when null.</summary>
    public VoiLutFunction? WindowFunction { get; init; }

    /// <summary>Which of the file's windows (or VOI LUTs) to use; the first by default. Out of range picks the first.</summary>
    public int VoiIndex { get; init; }

    /// <summary>Ignore the file's windows and VOI LUTs and window on the minimum and maximum of the frame.</summary>
    public bool UseMinMaxWindow { get; init; }
}
