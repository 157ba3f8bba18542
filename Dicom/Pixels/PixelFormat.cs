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
    /// <summary>Bytes of one native frame: rows × columns × samples × bits allocated / 8, rounded up for 1-bit data.</summary>
    public long FrameLength => ((long)Rows * Columns * SamplesPerPixel * BitsAllocated + 7) / 8;

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
