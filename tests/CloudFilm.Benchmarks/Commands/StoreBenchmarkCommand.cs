using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using CloudFilm.Benchmarks.Codec;
using CloudFilm.Benchmarks.Network;

namespace CloudFilm.Benchmarks.Commands;

/// <summary>
/// store [--files N] [--runs N] [--data DIR] [--max-pdu BYTES] [--no-netns]: C-STORE ingest of our SCP
/// (DicomServer + FolderStoreHandler, writing Part 10 files) against dcmtk's storescp (--fork +B) on the same
/// files in the same run, fed by dcmtk storescu with 1 and 4 parallel associations (TCP_NODELAY=1). Servers and
/// associations are interleaved run by run; the best run of each is reported, with server CPU per instance.
/// storescp binds every interface, so the benchmark runs itself inside a private network namespace (loopback only).
/// </summary>
internal sealed class StoreBenchmarkCommand : IBenchmarkCommand
{
    private const string NamespaceMarker = "CLOUDFILM_BENCH_NETNS";

    public string Summary => "C-STORE SCP ingest vs dcmtk storescp, fed by storescu with 1 and 4 associations";

    public async Task<int> RunAsync(string[] args)
    {
        int files = 300;
        int runs = 5;
        uint maxPdu = 16384;
        string? data = null;
        bool netns = true;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--files": files = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--max-pdu": maxPdu = uint.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--data": data = args[++i]; break;
                case "--no-netns": netns = false; break;
                default:
                    Console.Error.WriteLine($"store: unknown option {args[i]}");
                    return 2;
            }
        }

        if (netns && Environment.GetEnvironmentVariable(NamespaceMarker) != "1")
        {
            return RunInPrivateNetwork(args);
        }

        string work = Path.Combine(Path.GetTempPath(), "cloudfilm-store-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        try
        {
            data ??= Generate(Path.Combine(work, "data"), files);
            var sources = Directory.GetFiles(data, "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(files).ToList();
            long bytes = 0;
            foreach (var file in sources)
            {
                bytes += new FileInfo(file).Length;
                File.ReadAllBytes(file); // warm the page cache: measure network and SCP, not the source disk
            }

            var receivers = new (string Name, Func<string, IStoreReceiver> Start)[]
            {
                ("storescp", folder => new StorescpReceiver(folder, maxPdu)),
                ("cloudfilm", folder => new OurReceiver(folder, maxPdu)),
            };
            var best = new Dictionary<(string, int), Run>();
            // Warm-up, not measured: every file once per receiver and association count, so our code runs tier-1 JIT
            // code (tiering promotes after 30 calls plus a delay) and both see the same warm file system.
            foreach (var (_, start) in receivers)
            {
                foreach (var associations in new[] { 1, 4 })
                {
                    await MeasureAsync(start, sources, associations, Path.Combine(work, "out"));
                }
            }

            for (int run = 0; run < runs; run++)
            {
                foreach (var associations in new[] { 1, 4 })
                {
                    foreach (var (name, start) in receivers)
                    {
                        var result = await MeasureAsync(start, sources, associations, Path.Combine(work, "out"));
                        if (!best.TryGetValue((name, associations), out var previous) || result.Wall < previous.Wall)
                        {
                            best[(name, associations)] = result;
                        }
                    }
                }
            }

            var rows = new List<object>();
            var ratios = new List<object>();
            foreach (var associations in new[] { 1, 4 })
            {
                foreach (var (name, _) in receivers)
                {
                    var r = best[(name, associations)];
                    rows.Add(new
                    {
                        receiver = name,
                        associations,
                        wallSeconds = Math.Round(r.Wall, 3),
                        instancesPerSecond = Math.Round(sources.Count / r.Wall, 1),
                        megabytesPerSecond = Math.Round(bytes / r.Wall / 1e6, 1),
                        serverCpuMsPerInstance = Math.Round(r.ServerCpu * 1000 / sources.Count, 3),
                        managedBytesAllocatedPerInstance = name == "cloudfilm" ? r.Allocated / sources.Count : (long?)null,
                    });
                }

                var ours = best[("cloudfilm", associations)];
                var theirs = best[("storescp", associations)];
                ratios.Add(new
                {
                    associations,
                    throughputRatio = Math.Round(theirs.Wall / ours.Wall, 3),
                    cpuPerInstanceRatio = Math.Round(ours.ServerCpu / theirs.ServerCpu, 3),
                });
            }

            Console.WriteLine(JsonSerializer.Serialize(new
            {
                benchmark = "store",
                machine = Machine(),
                instances = sources.Count,
                bytes,
                maxPdu,
                runs,
                feed = "dcmtk storescu -xe, TCP_NODELAY=1, N processes (one association each) over disjoint round-robin subsets; wall from first start to last exit",
                storescp = "storescp --fork +B -pdu MAXPDU -od DIR PORT (TCP_NODELAY=1); CPU = itself + its children (/proc)",
                cloudfilm = "DicomServer (MaxPduLength = MAXPDU) + FolderStoreHandler in the benchmark process; CPU = the process",
                selection = "best wall time of the runs per receiver and association count; runs interleave receivers",
                throughputRatio = "cloudfilm instances/s divided by storescp instances/s (same files, same run); > 1 means faster",
                cpuPerInstanceRatio = "cloudfilm server CPU per instance divided by storescp's; < 1 means cheaper",
                results = rows,
                ratios,
            }, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<Run> MeasureAsync(Func<string, IStoreReceiver> start, List<string> sources, int associations, string output)
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        Directory.CreateDirectory(output);
        await using var receiver = start(output);
        double cpu = receiver.CpuSeconds();
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        double wall = StorescuFeed.Run(sources, associations, receiver.Port, receiver is OurReceiver ? "CLOUDFILM" : "STORESCP");
        double serverCpu = receiver.CpuSeconds() - cpu;
        long serverAllocated = receiver is OurReceiver ? GC.GetTotalAllocatedBytes(precise: true) - allocated : 0;
        int stored = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Count(f => !f.EndsWith(".part", StringComparison.Ordinal));
        if (stored != sources.Count)
        {
            throw new InvalidOperationException($"{receiver.GetType().Name} stored {stored} of {sources.Count} instances");
        }

        return new Run(wall, serverCpu, serverAllocated);
    }

    /// <summary>Re-runs this command under <c>unshare -n</c> with loopback up, so no server is reachable from outside.</summary>
    private static int RunInPrivateNetwork(string[] args)
    {
        var info = new ProcessStartInfo("unshare") { UseShellExecute = false };
        foreach (var arg in new[] { "-n", "bash", "-c", "ip link set lo up && exec \"$@\"", "_", Environment.ProcessPath! })
        {
            info.ArgumentList.Add(arg);
        }

        // Started as "dotnet X.dll" the assembly must be named again; started through the apphost (dotnet run) not.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            info.ArgumentList.Add(typeof(StoreBenchmarkCommand).Assembly.Location);
        }

        info.ArgumentList.Add("store");

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[NamespaceMarker] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start unshare (util-linux); use --no-netns to run in the host network");
        process.WaitForExit();
        return process.ExitCode;
    }

    private static string Generate(string dir, int files)
    {
        Processes.Run("/usr/bin/python3", [SharedBench.Script("gen.py"), "--out", dir, "-n", files.ToString(CultureInfo.InvariantCulture), "--modality", "CT", "--seed", "1"]);
        return dir;
    }

    private static object Machine() => new
    {
        cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown",
        logicalCores = Environment.ProcessorCount,
        os = RuntimeInformation.OSDescription,
        runtime = RuntimeInformation.FrameworkDescription,
        loadAverage = File.ReadAllText("/proc/loadavg").Trim(),
    };

    /// <param name="Allocated">Managed bytes allocated in this process meanwhile (ours only; the harness itself allocates little).</param>
    private readonly record struct Run(double Wall, double ServerCpu, long Allocated);
}
