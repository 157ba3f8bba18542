using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CloudFilm.DicomNode.Tests.Support;

/// <summary>A long-running dcmtk process (storescp as a C-MOVE destination), killed at dispose.</summary>
internal sealed class DcmtkPeer : IAsyncDisposable
{
    private readonly Process _process;

    private DcmtkPeer(Process process) => _process = process;

    public static async Task<DcmtkPeer> StartAsync(string tool, IEnumerable<string> args, int port)
    {
        var info = new ProcessStartInfo(Path.Combine("/usr/bin", tool)) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["TCP_NODELAY"] = "1";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var peer = new DcmtkPeer(process);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return peer;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        await peer.DisposeAsync();
        throw new InvalidOperationException($"{tool} did not open port {port}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
