namespace CloudFilm.Dicom.Network;

/// <summary>Severity of a network log line.</summary>
public enum NetworkLogLevel
{
    Debug,
    Information,
    Warning,
    Error,
}

/// <summary>
/// Where the network layer reports what happens on associations: every line names the peer (address and AE
/// title when known) so an operator can tell which device misbehaves. Hosts adapt this to their logger; the
/// toolkit itself takes no logging package dependency.
/// </summary>
public interface IDicomNetworkLog
{
    void Log(NetworkLogLevel level, string peer, string message);
}

/// <summary>Discards every line.</summary>
public sealed class NullNetworkLog : IDicomNetworkLog
{
    public static readonly NullNetworkLog Instance = new();

    public void Log(NetworkLogLevel level, string peer, string message)
    {
    }
}

/// <summary>Writes lines at or above a level to a text writer (cfdicom uses standard error).</summary>
public sealed class TextWriterNetworkLog(TextWriter writer, NetworkLogLevel minimum = NetworkLogLevel.Information) : IDicomNetworkLog
{
    private readonly Lock _gate = new();

    public void Log(NetworkLogLevel level, string peer, string message)
    {
        if (level < minimum)
        {
            return;
        }

        lock (_gate)
        {
            writer.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {level,-11} [{peer}] {message}");
        }
    }
}
