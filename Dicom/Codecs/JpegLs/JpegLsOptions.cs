namespace CloudFilm.Dicom.Codecs.JpegLs;

/// <summary>Encoder settings for JPEG-LS (T.87).</summary>
public sealed record JpegLsOptions
{
    /// <summary>
    /// NEAR, the largest error allowed per sample (T.87 §A.2.1); 0 is lossless. Signed data is always coded
    /// losslessly: the error bound does not survive the wrap between the most negative and most positive values.
    /// </summary>
    public int NearLossless { get; init; }

    /// <summary>
    /// Lines per restart interval (T.87 C.2.5), 0 for none. Each interval is coded independently (contexts reset,
    /// zero line above), which bounds damage and allows parallel decoding at a small cost in ratio.
    /// </summary>
    public int RestartInterval { get; init; }
}
