namespace CloudFilm.Dicom.Codecs.Jpeg;

/// <summary>Encoder settings for lossless JPEG (T.81 Annex H).</summary>
public sealed record JpegLosslessOptions
{
    /// <summary>
    /// Rows per restart interval (T.81 B.2.4.4, E.1.4), 0 for none. Restarts let a reader resynchronise after
    /// damage at the cost of a few bytes per interval; rows × columns must stay within 65535 samples.
    /// </summary>
    public int RestartRows { get; init; }
}
