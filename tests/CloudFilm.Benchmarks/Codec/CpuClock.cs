using System.Runtime.InteropServices;

namespace CloudFilm.Benchmarks.Codec;

/// <summary>
/// CPU time from getrusage(2): of the calling thread (our codec) and of waited-for child processes (dcmtk). CPU time
/// is what a codec costs; wall time on a shared machine also counts other people's work.
/// </summary>
internal static partial class CpuClock
{
    private const int RusageChildren = -1;
    private const int RusageThread = 1;

    /// <summary>User + system CPU seconds of the current thread.</summary>
    public static double Thread() => Read(RusageThread);

    /// <summary>User + system CPU seconds of all terminated, waited-for children of this process.</summary>
    public static double Children() => Read(RusageChildren);

    private static unsafe double Read(int who)
    {
        // struct rusage starts with two struct timeval (user, system); 18 longs in all on 64-bit Linux.
        long* usage = stackalloc long[18];
        if (GetRusage(who, usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed: {Marshal.GetLastPInvokeError()}");
        }

        return usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6;
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static unsafe partial int GetRusage(int who, long* usage);
}
