namespace CloudFilm.Dicom.Network;

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
