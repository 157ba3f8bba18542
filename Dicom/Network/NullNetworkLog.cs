namespace CloudFilm.Dicom.Network;

/// <summary>Discards every line.</summary>
public sealed class NullNetworkLog : IDicomNetworkLog
{
    public static readonly NullNetworkLog Instance = new();

    public void Log(NetworkLogLevel level, string peer, string message)
    {
    }
}
