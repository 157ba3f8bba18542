using System.Diagnostics;

namespace CloudFilm.Benchmarks.Network;

/// <summary>
/// Feeds an SCP with dcmtk <c>storescu</c>: N processes, one association each, over disjoint round-robin subsets of
/// the files, all started together; the wall time is from the first start to the last exit.
/// </summary>
internal static class StorescuFeed
{
    public static double Run(IReadOnlyList<string> files, int associations, int port, string calledAe)
    {
        var processes = new List<(Process Process, Task<string> Errors)>();
        var clock = Stopwatch.StartNew();
        for (int k = 0; k < associations; k++)
        {
            var info = new ProcessStartInfo("storescu") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            // -xe: propose explicit VR little endian only, the files' own syntax, as the team's ingest script does.
            foreach (var arg in new[] { "-xe", "-aet", "BENCHSCU", "-aec", calledAe, "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                info.ArgumentList.Add(arg);
            }

            for (int i = k; i < files.Count; i += associations)
            {
                info.ArgumentList.Add(files[i]);
            }

            // Without it dcmtk 3.6 leaves Nagle on and every small PDU waits for a delayed ACK.
            info.Environment["TCP_NODELAY"] = "1";
            var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start storescu (apt-get install dcmtk)");
            _ = process.StandardOutput.ReadToEndAsync();
            processes.Add((process, process.StandardError.ReadToEndAsync()));
        }

        foreach (var (process, errors) in processes)
        {
            process.WaitForExit();
            if (process.ExitCode != 0 || errors.Result.Contains("E: ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"storescu failed ({process.ExitCode}): {errors.Result}");
            }

            process.Dispose();
        }

        return clock.Elapsed.TotalSeconds;
    }
}
