using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudFilm.Archive.Peers;
using CloudFilm.Testing;
using Npgsql;

namespace CloudFilm.Benchmarks.Commands;

/// <summary>
/// ingest [--instances N] [--skip-baselines]: a generated 512×512 CT series (the team's gen.py, run by Debian's
/// /usr/bin/python3, which has pydicom and numpy) sent with storescu (the team's ingest.sh) over 1 and 4 associations,
/// each after a 100-instance warm-up series to the same receiver, to CloudFilm's DicomNode (a fresh database and
/// blob store per run), and in the same run to dcmtk storescp and Orthanc (the team's orthanc/start.sh). For
/// CloudFilm it also reports the sustained time until background JPEG-LS compression finished, stored bytes per
/// instance and the compression ratio, and the ingest-to-visible latency: from each C-STORE response to the study's
/// row in the index (what the Api reads) showing that instance, over a separate one-by-one send.
/// </summary>
internal sealed class IngestBenchmarkCommand : IBenchmarkCommand
{
    private const int WarmupInstances = 100;

    public string Summary => "C-STORE ingest: CloudFilm vs storescp vs Orthanc, 1 and 4 associations; ratio and visible latency";

    public async Task<int> RunAsync(string[] args)
    {
        var instances = 500;
        var baselines = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--instances": instances = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--skip-baselines": baselines = false; break;
                default:
                    Console.Error.WriteLine($"ingest: unknown option {args[i]}");
                    return 2;
            }
        }
        var work = Path.Combine(Path.GetTempPath(), "cloudfilm-bench-ingest-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(work, "ct");
        Run("/usr/bin/python3", [SharedBench.Script("gen.py"), "--out", data, "-n", instances.ToString(CultureInfo.InvariantCulture)]);
        // Every receiver first takes a separate warm-up series, so each is measured as it runs in service (code
        // compiled, caches and connections open), not in its first second.
        var warmup = Path.Combine(work, "warmup");
        Run("/usr/bin/python3", [SharedBench.Script("gen.py"), "--out", warmup, "-n", WarmupInstances.ToString(CultureInfo.InvariantCulture)]);
        var results = new JsonObject { ["benchmark"] = "ingest", ["instances"] = instances, ["series"] = "CT 512x512 int16, gen.py" };
        try
        {
            var cloudfilm = new JsonArray();
            foreach (var associations in new[] { 1, 4 })
            {
                cloudfilm.Add(await CloudFilmRunAsync(work, warmup, data, associations));
            }
            results["cloudfilm"] = cloudfilm;
            results["cloudfilmVisibleLatency"] = await VisibleLatencyAsync(work, data);
            if (baselines)
            {
                results["storescp"] = new JsonArray(StorescpRun(work, warmup, data, 1), StorescpRun(work, warmup, data, 4));
                results["orthanc"] = new JsonArray(OrthancRun(warmup, data, 1), OrthancRun(warmup, data, 4));
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        Console.WriteLine(results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static async Task<JsonNode> CloudFilmRunAsync(string work, string warmup, string data, int associations)
    {
        await using var node = await Node.StartAsync(work);
        IngestScript(warmup, "127.0.0.1", node.Port, "CLOUDFILM", associations, node.Pid);
        await node.WaitForCompressionAsync();
        var study = StudyOf(data);
        var started = Stopwatch.StartNew();
        var ingest = IngestScript(data, "127.0.0.1", node.Port, "CLOUDFILM", associations, node.Pid);
        var acknowledged = started.Elapsed;
        await node.WaitForCompressionAsync();
        var sustained = started.Elapsed;
        await using var command = node.DataSource.CreateCommand(
            "SELECT count(*), sum(stored_bytes), sum(received_bytes), count(*) FILTER (WHERE transfer_syntax_uid = '1.2.840.10008.1.2.4.80') FROM dicom_instances WHERE study_instance_uid = @study");
        command.Parameters.AddWithValue("study", study);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (count, stored, received, compressed) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        ingest["indexedInstances"] = count;
        ingest["compressedInstances"] = compressed;
        ingest["storedBytesPerInstance"] = count == 0 ? 0 : stored / count;
        ingest["compressionRatio"] = Math.Round(received / (double)Math.Max(1, stored), 2);
        // From the first C-STORE (the script's own wall time, which excludes its load sampling) until the last copy
        // was compressed.
        var untilCompressed = ingest["wall_s"]!.GetValue<double>() + (sustained - acknowledged).TotalSeconds;
        ingest["sustainedWithCompressionSeconds"] = Math.Round(untilCompressed, 2);
        ingest["sustainedInstPerS"] = Math.Round(count / untilCompressed, 1);
        return ingest;
    }

    /// <summary>One storescu association, one file at a time; after each success, poll the index until the study shows it.</summary>
    private static async Task<JsonNode> VisibleLatencyAsync(string work, string data)
    {
        await using var node = await Node.StartAsync(work);
        var files = Directory.GetFiles(data, "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(100).ToList();
        var headers = files.Select(Dicom.IO.DicomFileHeader.Read).ToList();
        var study = StudyOf(data);
        await using var client = await Dicom.Network.Services.DicomClient.ConnectAsync(new Dicom.Network.Association.AssociationRequestOptions
        {
            Host = "127.0.0.1",
            Port = node.Port,
            CallingAeTitle = "BENCHSCU",
            CalledAeTitle = "CLOUDFILM",
            PresentationContexts = Dicom.Network.Files.Part10Sending.ContextsFor(headers),
        }, default);
        var latencies = new List<double>();
        for (var i = 0; i < files.Count; i++)
        {
            var response = await Dicom.Network.Files.Part10Sending.StoreFileAsync(client, files[i], headers[i]);
            var answered = Stopwatch.StartNew();
            if (!response.Status.IsSuccess)
            {
                continue;
            }
            while (true)
            {
                await using var command = node.DataSource.CreateCommand("SELECT instance_count FROM dicom_studies WHERE study_instance_uid = @s");
                command.Parameters.AddWithValue("s", study);
                if (await command.ExecuteScalarAsync() is int seen && seen >= i + 1)
                {
                    break;
                }
            }
            latencies.Add(answered.Elapsed.TotalMilliseconds);
        }
        await client.ReleaseAsync();
        latencies.Sort();
        double P(double p) => Math.Round(latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)], 2);
        return new JsonObject
        {
            ["instances"] = latencies.Count,
            ["what"] = "C-STORE response to the study row (read by the Api) counting the instance",
            ["p50Ms"] = P(0.5),
            ["p95Ms"] = P(0.95),
            ["p99Ms"] = P(0.99),
        };
    }

    private static string StudyOf(string data)
    {
        var first = Directory.GetFiles(data, "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        return Dicom.IO.DicomFile.Open(first, new Dicom.IO.DicomReadOptions { StopBeforePixelData = true }).Dataset.GetString(Dicom.Dictionary.DicomTags.StudyInstanceUID)!;
    }

    private static JsonNode StorescpRun(string work, string warmup, string data, int associations)
    {
        var port = ExternalProcess.FreeTcpPort();
        var folder = Path.Combine(work, "storescp-" + associations);
        Directory.CreateDirectory(folder);
        var info = new ProcessStartInfo("storescp") { UseShellExecute = false };
        foreach (var a in new[] { "--fork", "-aet", "STORESCP", "-od", folder, port.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["TCP_NODELAY"] = "1";
        using var server = Process.Start(info)!;
        WaitForPort(port);
        try
        {
            IngestScript(warmup, "127.0.0.1", port, "STORESCP", associations, server.Id);
            return IngestScript(data, "127.0.0.1", port, "STORESCP", associations, server.Id);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
    }

    private static JsonNode OrthancRun(string warmup, string data, int associations)
    {
        // Orthanc's DICOM layer (DCMTK) leaves Nagle on unless TCP_NODELAY=1: without it every C-STORE waits for a
        // delayed ACK and Orthanc looks ten times slower than it is. Compare with the fair configuration.
        var pid = int.Parse(Run(SharedBench.Script("orthanc/start.sh"), [], new Dictionary<string, string> { ["TCP_NODELAY"] = "1" })
            .Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
        try
        {
            WaitForPort(4242);
            IngestScript(warmup, "127.0.0.1", 4242, "ORTHANC", associations, pid);
            return IngestScript(data, "127.0.0.1", 4242, "ORTHANC", associations, pid);
        }
        finally
        {
            Run(SharedBench.Script("orthanc/stop.sh"), [pid.ToString(CultureInfo.InvariantCulture)]);
        }
    }

    private static JsonNode IngestScript(string data, string host, int port, string aet, int associations, int serverPid)
    {
        var output = Run(SharedBench.Script("ingest.sh"), [host, port.ToString(CultureInfo.InvariantCulture), aet, associations.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["DATA"] = data, ["SERVER_PID"] = serverPid.ToString(CultureInfo.InvariantCulture), ["TCP_NODELAY"] = "1" });
        return JsonNode.Parse(output.Trim().Split('\n')[^1])!;
    }

    private static string Run(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }
        return stdout.Result;
    }

    private static void WaitForPort(int port)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException($"nothing listens on port {port}");
    }

    /// <summary>The DicomNode executable on a fresh database and blob store, without the cluster.</summary>
    private sealed class Node : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _blobs;

        private Node(Process process, int port, NpgsqlDataSource dataSource, string blobs)
        {
            _process = process;
            Port = port;
            DataSource = dataSource;
            _blobs = blobs;
        }

        public int Port { get; }

        public int Pid => _process.Id;

        public NpgsqlDataSource DataSource { get; }

        public static async Task<Node> StartAsync(string work)
        {
            var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("bench_ingest");
            var dataSource = NpgsqlDataSource.Create(connectionString);
            var peers = new PeerStore(dataSource);
            foreach (var ae in new[] { "BENCHSCU", "STORESCU" })
            {
                await peers.UpsertAsync(new DicomPeer(ae, "127.0.0.1", null, "benchmark", DateTimeOffset.UtcNow), default);
            }
            var port = ExternalProcess.FreeTcpPort();
            var blobs = Path.Combine(work, "blobs-" + Guid.NewGuid().ToString("N")[..8]);
            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CloudFilm.DicomNode.dll"));
            info.Environment["ConnectionStrings__Postgres"] = connectionString;
            info.Environment["Dicom__Port"] = port.ToString(CultureInfo.InvariantCulture);
            info.Environment["Dicom__NotifyStudies"] = "false";
            info.Environment["Archive__BlobRoot"] = blobs;
            info.Environment["Logging__LogLevel__Default"] = "Warning";
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            WaitForPort(port);
            return new Node(process, port, dataSource, blobs);
        }

        public async Task WaitForCompressionAsync()
        {
            while (true)
            {
                await using var command = DataSource.CreateCommand("SELECT count(*) FROM dicom_compression_queue");
                if ((long)(await command.ExecuteScalarAsync())! == 0)
                {
                    return;
                }
                await Task.Delay(100);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
            await DataSource.DisposeAsync();
            Directory.Delete(_blobs, recursive: true);
        }
    }
}
