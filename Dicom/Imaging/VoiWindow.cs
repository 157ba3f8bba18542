namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// One Window Center (0028,1050) / Window Width (0028,1051) pair with its Window Center &amp; Width Explanation
/// (0028,1055), in modality units (after rescale), PS3.3 C.11.2.1.2.
/// </summary>
public readonly record struct VoiWindow(double Center, double Width, string? Explanation = null);
