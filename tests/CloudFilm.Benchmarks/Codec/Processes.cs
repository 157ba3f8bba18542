using System.Diagnostics;
using CloudFilm.Testing;

namespace CloudFilm.Benchmarks.Codec;

/// <summary>Runs external tools (through the tests' one process runner) and measures their wall time.</summary>
internal static class Processes
{
    public static TimeSpan Run(string tool, string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        ExternalProcess.Run(tool, arguments, TimeSpan.FromHours(1));
        return clock.Elapsed;
    }
}
