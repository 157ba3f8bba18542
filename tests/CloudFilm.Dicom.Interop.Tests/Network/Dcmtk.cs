using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CloudFilm.Dicom.Interop.Tests.Network;

/// <summary>Runs dcmtk's network tools (Debian dcmtk 3.6.7) with TCP_NODELAY=1; a missing tool fails the test loudly.</summary>
internal static class Dcmtk
{
    public static string Tool(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Append("/usr/bin"))
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"dcmtk tool '{name}' is not installed (apt-get install dcmtk); this interop test cannot run without it");
    }

    private static ProcessStartInfo StartInfo(string tool, IEnumerable<string> args, string? workingDirectory)
    {
        var info = new ProcessStartInfo(Tool(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // dicom-notes §7: without it dcmtk leaves Nagle on and small PDUs wait for delayed ACKs.
        info.Environment["TCP_NODELAY"] = "1";
        return info;
    }

    /// <summary>Runs a tool to completion; kills it if it outlives <paramref name="seconds"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, IEnumerable<string> args, int seconds = 30, string? workingDirectory = null)
    {
        using var process = Process.Start(StartInfo(tool, args, workingDirectory))!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{tool} did not finish within {seconds} s: {await stdout}{await stderr}");
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }

    /// <summary>Starts a long-running peer (storescp, dcmqrscp) and waits until its port accepts connections.</summary>
    public static Task<RunningPeer> StartAsync(string tool, IEnumerable<string> args, int port, string? workingDirectory = null) =>
        StartAsync(StartInfo(tool, args, workingDirectory), tool, port);

    /// <summary>Starts any long-running process and waits until <paramref name="port"/> accepts connections.</summary>
    public static async Task<RunningPeer> StartAsync(ProcessStartInfo info, string tool, int port)
    {
        var process = Process.Start(info)!;
        var peer = new RunningPeer(process);
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{tool} exited at start with code {process.ExitCode}: {peer.Output}");
            }

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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A dcmtk process killed (with its children) at dispose.</summary>
internal sealed class RunningPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public RunningPeer(Process process)
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
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
