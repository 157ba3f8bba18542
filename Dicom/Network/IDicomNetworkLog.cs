namespace CloudFilm.Dicom.Network;

/// <summary>
/// Where the network layer reports what happens on associations: every line names the peer (address and AE
/// title when known) so an operator can tell which device misbehaves. Hosts adapt this to their logger; the
/// toolkit itself takes no logging package dependency.
/// </summary>
public interface IDicomNetworkLog
{
    void Log(NetworkLogLevel level, string peer, string message);
}
