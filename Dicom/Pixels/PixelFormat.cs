namespace CloudFilm.Dicom.Pixels;

/// <summary>
/// How the samples of one frame are laid out: the Image Pixel module attributes (PS3.3 C.7.6.3) that codecs and
/// rendering need, independent of any data set.
/// </summary>
public sealed record PixelFormat(
    int Rows,
    int Columns,
    int SamplesPerPixel,
    int BitsAllocated,
    int BitsStored,
    int HighBit,
    bool IsSigned,
    string PhotometricInterpretation,
    PlanarConfiguration Planar = PlanarConfiguration.Interleaved)
{
    /// <summary>
    /// Bytes of one native frame (PS3.5 §8.1.1): rows × columns × samples × bits allocated / 8, rounded up for 1-bit
    /// data; native YBR_FULL_422 and YBR_PARTIAL_422 keep two bytes per pixel (Y1 Y2 Cb Cr per horizontal pair,
    /// PS3.3 C.7.6.3.1.2), a last odd pixel still taking a whole group.
    /// </summary>
    public long FrameLength => IsChromaSubsampled
        ? ((long)Rows * Columns + 1) / 2 * 4
        : ((long)Rows * Columns * SamplesPerPixel * BitsAllocated + 7) / 8;

    /// <summary>Bytes of one frame with every sample present for every pixel (what a codec decodes 4:2:2 data into).</summary>
    public long FullResolutionFrameLength => ((long)Rows * Columns * SamplesPerPixel * BitsAllocated + 7) / 8;

    /// <summary>
    /// Whether native frames of this format carry chroma for every second pixel only: 8-bit YBR_FULL_422 or
    /// YBR_PARTIAL_422 with three samples (PS3.3 C.7.6.3.1.2).
    /// </summary>
    public bool IsChromaSubsampled =>
        SamplesPerPixel == 3 && BitsAllocated == 8 && IsSubsampledTerm(PhotometricInterpretation.AsSpan().Trim(" \0"));

    private static bool IsSubsampledTerm(ReadOnlySpan<char> term) =>
        term.Equals("YBR_FULL_422", StringComparison.OrdinalIgnoreCase) || term.Equals("YBR_PARTIAL_422", StringComparison.OrdinalIgnoreCase);

    public int BytesPerSample => (BitsAllocated + 7) / 8;

    public PixelFormat WithPhotometric(string photometric, PlanarConfiguration planar) =>
        this with { PhotometricInterpretation = photometric, Planar = planar };
}

/// <summary>Planar Configuration (0028,0006).</summary>
public enum PlanarConfiguration
{
    /// <summary>0: samples of a pixel are next to each other (R1 G1 B1 R2 G2 B2 …).</summary>
    Interleaved = 0,

    /// <summary>1: one plane per sample within each frame (R1 R2 … G1 G2 … B1 B2 …).</summary>
    Planar = 1,
}
