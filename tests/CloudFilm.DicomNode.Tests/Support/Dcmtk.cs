using System.Diagnostics;
using System.Text;

namespace CloudFilm.DicomNode.Tests.Support;

/// <summary>Runs dcmtk's network tools with TCP_NODELAY=1; a missing tool fails the test loudly.</summary>
internal static class Dcmtk
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, IEnumerable<string> args, int seconds = 60)
    {
        var path = Path.Combine("/usr/bin", tool);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"dcmtk tool '{tool}' is not installed (apt-get install dcmtk); this test cannot run without it");
        }
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["TCP_NODELAY"] = "1";
        using var process = Process.Start(info)!;
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
            throw new TimeoutException($"{tool} did not finish within {seconds} s");
        }
        return (process.ExitCode, new StringBuilder(await stdout).Append(await stderr).ToString());
    }

    /// <summary>storescu of files to the node, one association, as calling AE <paramref name="callingAe"/>.</summary>
    public static Task<(int ExitCode, string Output)> StoreAsync(int port, string callingAe, IEnumerable<string> files, string calledAe = "CLOUDFILM") =>
        RunAsync("storescu", ["-v", "-aet", callingAe, "-aec", calledAe, "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. files]);
}
