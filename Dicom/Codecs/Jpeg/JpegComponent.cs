namespace CloudFilm.Dicom.Codecs.Jpeg;

/// <summary>One frame component of a SOF segment (T.81 B.2.2): identifier, sampling factors, quantisation table.</summary>
internal sealed record JpegComponent(int Id, int H, int V, int QuantTable)
{
    /// <summary>Index of the component in the frame header.</summary>
    public int Index { get; init; }

    /// <summary>DC and AC (or lossless) Huffman table selectors of the current scan.</summary>
    public int DcTable { get; set; }

    public int AcTable { get; set; }
}
