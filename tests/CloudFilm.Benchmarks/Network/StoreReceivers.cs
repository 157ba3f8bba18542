using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Services;

namespace CloudFilm.Benchmarks.Network;

/// <summary>A C-STORE SCP under test, writing into a folder; reports the CPU seconds it used while running.</summary>
internal interface IStoreReceiver : IAsyncDisposable
{
    int Port { get; }

    double CpuSeconds();
}

/// <summary>Our <see cref="DicomServer"/> with a <see cref="FolderStoreHandler"/>, in this process.</summary>
internal sealed class OurReceiver : IStoreReceiver
{
    private readonly DicomServer _server;

    public OurReceiver(string folder, uint maxPdu)
    {
        _server = new DicomServer(
            new DicomServerOptions { AeTitle = "CLOUDFILM", Port = 0, MaxPduLength = maxPdu, Policy = new AeTitlePolicy() },
            new DicomServiceHandlers { Store = new FolderStoreHandler(folder) });
        _server.Start();
    }

    public int Port => ((IPEndPoint)_server.LocalEndPoint!).Port;

    /// <summary>The whole process: the benchmark's own thread only waits for storescu meanwhile.</summary>
    public double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

/// <summary>dcmtk <c>storescp --fork +B</c>: a child per association, data sets written exactly as received.</summary>
internal sealed class StorescpReceiver : IStoreReceiver
{
    private readonly Process _process;

    public StorescpReceiver(string folder, uint maxPdu)
    {
        Port = FreePort();
        var info = new ProcessStartInfo("storescp") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "--fork", "+B", "-aet", "STORESCP", "-pdu", maxPdu.ToString(CultureInfo.InvariantCulture), "-od", folder, Port.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["TCP_NODELAY"] = "1";
        _process = Process.Start(info) ?? throw new InvalidOperationException("cannot start storescp (apt-get install dcmtk)");
        _ = _process.StandardOutput.ReadToEndAsync();
        _ = _process.StandardError.ReadToEndAsync();
        WaitUntilListening(Port);
    }

    public int Port { get; }

    /// <summary>
    /// storescp's own time, its reaped children's, and its children still alive or not yet reaped (one per
    /// association, from /proc/PID/stat, as the team's ingest script counts them).
    /// </summary>
    public double CpuSeconds()
    {
        long ticks = Ticks(_process.Id, withChildren: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != _process.Id
                && Stat(pid) is { } fields && fields[1] == _process.Id.ToString(CultureInfo.InvariantCulture))
            {
                ticks += Ticks(pid, withChildren: false);
            }
        }

        return ticks / 100.0;
    }

    /// <summary>Fields after the command name of /proc/PID/stat (proc(5)): [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long Ticks(int pid, bool withChildren)
    {
        if (Stat(pid) is not { } fields)
        {
            return 0;
        }

        long ticks = 0;
        for (int f = 11; f <= (withChildren ? 14 : 12); f++)
        {
            ticks += long.Parse(fields[f], CultureInfo.InvariantCulture);
        }

        return ticks;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void WaitUntilListening(int port)
    {
        for (int i = 0; i < 200; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(25);
            }
        }

        throw new InvalidOperationException($"storescp does not listen on port {port} after 5 s");
    }
}
