using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CloudFilm.DicomNode.Tests.Support;

/// <summary>The real DicomNode executable, started as its own process without the cluster, so a test can kill it.</summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<NodeProcess> StartAsync(string connectionString, string blobRoot, int port)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CloudFilm.DicomNode.dll"));
        info.Environment["ConnectionStrings__Postgres"] = connectionString;
        info.Environment["Dicom__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Dicom__NotifyStudies"] = "false";
        info.Environment["Dicom__PeerCacheDuration"] = "00:00:00";
        info.Environment["Archive__BlobRoot"] = blobRoot;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var node = new NodeProcess(Process.Start(info)!);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (node._process.HasExited)
            {
                throw new InvalidOperationException($"the node exited at start with code {node._process.ExitCode}: {node.Output}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return node;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        await node.DisposeAsync();
        throw new TimeoutException($"the node did not open port {port}: {node.Output}");
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut of the process.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
