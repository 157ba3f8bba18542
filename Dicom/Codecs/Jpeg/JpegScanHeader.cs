namespace CloudFilm.Dicom.Codecs.Jpeg;

/// <summary>
/// A SOS segment (T.81 B.2.3): the components of the scan, Ss/Se (spectral selection; the predictor for lossless),
/// Ah/Al (successive approximation; the point transform for lossless), and where its entropy-coded data starts.
/// </summary>
internal sealed record JpegScanHeader(JpegComponent[] Components, int Ss, int Se, int Ah, int Al, int DataStart);
