namespace CloudFilm.Dicom.Network;

/// <summary>Severity of a network log line.</summary>
public enum NetworkLogLevel
{
    Debug,
    Information,
    Warning,
    Error,
}
