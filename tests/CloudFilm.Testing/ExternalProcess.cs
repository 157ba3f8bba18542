using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CloudFilm.Testing;

/// <summary>
/// The one way tests run another program: find it (or fail naming the Debian package to install), run it to the
/// end with its output captured and a time limit, or start a long-running one and wait for its port. A process that
/// overstays is killed with its children.
/// </summary>
public static class ExternalProcess
{
    private static readonly string[] DcmtkNetworkTools = ["echoscu", "findscu", "getscu", "movescu", "storescu", "storescp", "termscu"];

    /// <summary>The path of <paramref name="tool"/> (a path, or a name looked up on PATH, /usr/bin and /usr/sbin).</summary>
    public static string Locate(string tool)
    {
        if (tool.Contains('/'))
        {
            return File.Exists(tool) ? tool : throw Missing(tool);
        }
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin");
        return folders.Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists) ?? throw Missing(tool);
    }

    /// <summary>A command line for <paramref name="tool"/>, output redirected as UTF-8; the tool must be installed.</summary>
    public static ProcessStartInfo Command(string tool, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Locate(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        return start;
    }

    /// <summary>
    /// Runs <paramref name="start"/> to the end, feeding it <paramref name="input"/>; kills it with its children and
    /// throws <see cref="TimeoutException"/> (with what it wrote) when it outlives <paramref name="timeout"/>.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, TimeSpan timeout, string? input = null)
    {
        start.RedirectStandardInput = input is not null;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            throw new TimeoutException(
                $"{Describe(start)} did not finish within {timeout.TotalSeconds:0} s: {await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}");
        }
        return new ProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary><see cref="RunAsync"/> for tests that are not asynchronous.</summary>
    public static ProcessResult RunToEnd(ProcessStartInfo start, TimeSpan timeout, string? input = null) =>
        RunAsync(start, timeout, input).GetAwaiter().GetResult();

    /// <summary>Runs a tool to completion and fails loudly, with its output, when it does not succeed; returns its standard output.</summary>
    public static string Run(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = Command(fileName, arguments, workingDirectory);
        var result = RunToEnd(start, timeout ?? TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Describe(start)} exited with {result.ExitCode}: {result.Stderr}{result.Stdout}");
        }
        return result.Stdout;
    }

    /// <summary>
    /// Starts a long-running <paramref name="start"/> (a server, a peer) and waits until <paramref name="port"/> on the
    /// loopback accepts connections; fails with its output when it exits first or does not listen in time.
    /// </summary>
    public static async Task<RunningProcess> StartAsync(ProcessStartInfo start, int port, TimeSpan patience)
    {
        var running = new RunningProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}"));
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            if (running.HasExited)
            {
                var code = running.ExitCode;
                await running.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"{Describe(start)} exited at start with code {code}: {running.Output}");
            }
            if (await AcceptsAsync(port).ConfigureAwait(false))
            {
                return running;
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
        await running.DisposeAsync().ConfigureAwait(false);
        throw new TimeoutException($"{Describe(start)} did not open port {port} within {patience.TotalSeconds:0} s: {running.Output}");
    }

    /// <summary>Whether the current process runs as root (initdb and postgres refuse to).</summary>
    public static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";

    /// <summary>
    /// Runs <paramref name="cleanup"/> (a shell command) once this process has gone, however it ends: test hosts are
    /// often killed without running exit handlers, and servers they started must not outlive them.
    /// </summary>
    public static void WhenThisProcessEnds(string cleanup)
    {
        var watchdog = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        watchdog.ArgumentList.Add("-c");
        watchdog.ArgumentList.Add($"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {cleanup}");
        Process.Start(watchdog);
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Describe(ProcessStartInfo start) => string.Join(' ', start.ArgumentList.Prepend(start.FileName));

    private static InvalidOperationException Missing(string tool)
    {
        var package = DebianPackageOf(Path.GetFileName(tool));
        return new InvalidOperationException(package is null
            ? $"{tool} is not installed; this test cannot run without it"
            : $"{tool} is not installed: apt-get install {package} (./cloudfilm test installs it); this test cannot run without it");
    }

    /// <summary>The Debian package that provides a tool the tests run, for the message when it is missing.</summary>
    private static string? DebianPackageOf(string name) => name switch
    {
        _ when name.StartsWith("dcm", StringComparison.Ordinal) || DcmtkNetworkTools.Contains(name) => "dcmtk",
        _ when name.StartsWith("gdcm", StringComparison.Ordinal) => "libgdcm-tools",
        "python3" => "python3 python3-pydicom python3-numpy",
        "Orthanc" => "orthanc",
        "node" => "nodejs",
        "npm" => "npm",
        "unshare" or "runuser" => "util-linux",
        "redis-server" => "redis-server",
        "initdb" or "pg_ctl" => "postgresql",
        _ => null,
    };
}

/// <summary>How a program ended and what it wrote.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Standard output followed by standard error.</summary>
    public string Output => Stdout + Stderr;
}
