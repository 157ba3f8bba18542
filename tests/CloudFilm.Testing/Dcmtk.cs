using System.Diagnostics;
using System.Globalization;

namespace CloudFilm.Testing;

/// <summary>
/// Runs dcmtk's tools (Debian dcmtk 3.6.7) in a temporary working folder with TCP_NODELAY=1; a missing tool fails
/// the test naming the package to install.
/// </summary>
public static class Dcmtk
{
    /// <summary>Runs a tool to completion; kills it if it outlives <paramref name="seconds"/>. Output is stdout then stderr.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, IEnumerable<string> args, int seconds = 60, string? workingDirectory = null)
    {
        var result = await ExternalProcess.RunAsync(Command(tool, args, workingDirectory), TimeSpan.FromSeconds(seconds));
        return (result.ExitCode, result.Output);
    }

    /// <summary>storescu of files to a node, one association, as calling AE <paramref name="callingAe"/>.</summary>
    public static Task<(int ExitCode, string Output)> StoreAsync(int port, string callingAe, IEnumerable<string> files, string calledAe = "CLOUDFILM") =>
        RunAsync("storescu", ["-v", "-aet", callingAe, "-aec", calledAe, "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), .. files]);

    /// <summary>Starts a long-running peer (storescp, dcmqrscp) and waits until its port accepts connections.</summary>
    public static Task<RunningProcess> StartAsync(string tool, IEnumerable<string> args, int port, string? workingDirectory = null) =>
        ExternalProcess.StartAsync(Command(tool, args, workingDirectory), port, TimeSpan.FromSeconds(5));

    private static ProcessStartInfo Command(string tool, IEnumerable<string> args, string? workingDirectory)
    {
        var start = ExternalProcess.Command(tool, args, workingDirectory ?? Path.GetTempPath());
        // dicom-notes §7: without it dcmtk leaves Nagle on and small PDUs wait for delayed ACKs.
        start.Environment["TCP_NODELAY"] = "1";
        return start;
    }
}
