using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudFilm.Testing;

namespace CloudFilm.Benchmarks.Commands;

/// <summary>
/// dicomweb [--studies N] [--instances N] [--repeat N] [--skip-orthanc]: CloudFilm's DICOMweb against Orthanc 1.10 with
/// its DICOMweb plugin (Debian orthanc-dicomweb), in the same run on the same data: N small studies (one 64×64 CT
/// image each, a patient each) and one CT series of 500 512×512 instances from the team's generator, sent to both by
/// C-STORE (to CloudFilm's DicomNode, as <c>./cloudfilm run</c> runs it with a cluster and an Api). Each line is the
/// same PS3.18 request against <c>/dicomweb</c> and Orthanc's <c>/dicom-web</c>, through HttpClient: QIDO all studies,
/// QIDO one study by UID, QIDO with a name wildcard, series metadata (cold, then warm), frames per second over 4
/// connections, rendered-frame latency and STOW-RS instances per second. A line that fails (a route missing,
/// an error status) reports its error instead of numbers.
/// </summary>
internal sealed class DicomWebBenchmarkCommand : IBenchmarkCommand
{
    private const string Boundary = "cloudfilm-bench-boundary";

    public string Summary => "DICOMweb (QIDO, metadata, frames, rendered, STOW): CloudFilm vs Orthanc + DICOMweb plugin";

    public async Task<int> RunAsync(string[] args)
    {
        int studies = 1000, instances = 500, repeat = 20;
        var orthanc = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--studies": studies = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--instances": instances = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--skip-orthanc": orthanc = false; break;
                default:
                    Console.Error.WriteLine($"dicomweb: unknown option {args[i]}");
                    return 2;
            }
        }
        var work = Directory.CreateTempSubdirectory("cf-bench-dicomweb").FullName;
        try
        {
            var small = Path.Combine(work, "small");
            var ct = Path.Combine(work, "ct");
            var stow = Path.Combine(work, "stow");
            Generate(small, ["--studies", Text(studies), "--patients", Text(studies), "-n", "1", "--size", "64", "--seed", "5"]);
            Generate(ct, ["-n", Text(instances), "--seed", "3"]);
            Generate(stow, ["-n", "100", "--seed", "7"]);
            var data = BenchData.Read(small, ct, stow);
            var results = new JsonObject
            {
                ["benchmark"] = "dicomweb",
                ["machine"] = new JsonObject { ["processors"] = Environment.ProcessorCount, ["os"] = Environment.OSVersion.ToString() },
                ["data"] = new JsonObject { ["smallStudies"] = studies, ["seriesInstances"] = instances, ["series"] = "CT 512x512 int16, gen.py", ["stowInstances"] = data.Stow.Count },
                ["cloudfilm"] = await CloudFilmAsync(data, repeat),
            };
            if (orthanc)
            {
                results["orthanc"] = await OrthancAsync(work, data, repeat);
            }
            Console.WriteLine(results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Generate(string folder, string[] arguments) =>
        ExternalProcess.Run("/usr/bin/python3", [SharedBench.Script("gen.py"), "--out", folder, .. arguments], TimeSpan.FromMinutes(20));

    /// <summary>CloudFilm as <c>./cloudfilm run</c> runs it: a cluster, the Api and the DicomNode on a fresh database and blob store.</summary>
    private static async Task<JsonNode> CloudFilmAsync(BenchData data, int repeat)
    {
        await using var running = await BenchSystem.StartAsync("bench-dicomweb");
        using var http = Client(running.ApiAddress.ToString(), "/dicomweb/");
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiHostEnvironment.SystemKey);
        using (var probe = new HttpClient { BaseAddress = running.ApiAddress })
        {
            await Hosts.WaitForApiAsync(probe);
        }
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(running.ConnectionString);
        await new CloudFilm.Archive.Peers.PeerStore(dataSource).UpsertAsync(
            new CloudFilm.Archive.Peers.DicomPeer("STORESCU", "127.0.0.1", null, "bench", DateTimeOffset.UtcNow), default);
        var load = Stopwatch.StartNew();
        Store(running.DicomPort, "CLOUDFILM", data.Small.Concat(data.Series));
        await WaitForIndexAsync(dataSource, data.Small.Count + data.Series.Count);
        var loaded = load.Elapsed.TotalSeconds;
        var lines = await MeasureAsync(http, data, repeat);
        lines["loadSeconds"] = Math.Round(loaded, 1);
        return lines;
    }

    private static async Task WaitForIndexAsync(Npgsql.NpgsqlDataSource dataSource, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM dicom_instances");
            if ((long)(await command.ExecuteScalarAsync())! >= count)
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the instances did not reach the index");
    }

    /// <summary>Orthanc 1.10 with the DICOMweb plugin on free ports, its own storage, loaded by C-STORE.</summary>
    private static async Task<JsonNode> OrthancAsync(string work, BenchData data, int repeat)
    {
        var folder = Path.Combine(work, "orthanc");
        Directory.CreateDirectory(folder);
        var httpPort = ExternalProcess.FreeTcpPort();
        var dicomPort = ExternalProcess.FreeTcpPort();
        var configuration = Path.Combine(folder, "orthanc.json");
        await File.WriteAllTextAsync(configuration, $$"""
            {
              "Name" : "bench",
              "StorageDirectory" : "{{folder}}/db",
              "IndexDirectory" : "{{folder}}/db",
              "HttpPort" : {{httpPort}},
              "DicomPort" : {{dicomPort}},
              "DicomAet" : "ORTHANC",
              "DicomCheckCalledAet" : false,
              "DicomAlwaysAllowStore" : true,
              "RemoteAccessAllowed" : false,
              "AuthenticationEnabled" : false,
              "ConcurrentJobs" : 2,
              "Plugins" : [ "/usr/share/orthanc/plugins/libOrthancDicomWeb.so" ],
              "DicomWeb" : { "Enable" : true, "Root" : "/dicom-web/", "EnableWado" : true, "WadoRoot" : "/wado", "StudiesMetadata" : "Full", "SeriesMetadata" : "Full" }
            }
            """);
        var start = ExternalProcess.Command("Orthanc", [configuration], folder);
        start.Environment["TCP_NODELAY"] = "1";
        await using var server = await ExternalProcess.StartAsync(start, httpPort, TimeSpan.FromSeconds(30));
        using var http = Client($"http://127.0.0.1:{httpPort}", "/dicom-web/");
        var load = Stopwatch.StartNew();
        Store(dicomPort, "ORTHANC", data.Small.Concat(data.Series));
        var loaded = load.Elapsed.TotalSeconds;
        var lines = await MeasureAsync(http, data, repeat);
        lines["loadSeconds"] = Math.Round(loaded, 1);
        return lines;
    }

    private static HttpClient Client(string server, string root) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, AutomaticDecompression = System.Net.DecompressionMethods.All })
        {
            BaseAddress = new Uri(new Uri(server), root),
            Timeout = TimeSpan.FromMinutes(5),
        };

    private static void Store(int port, string calledAe, IEnumerable<string> files)
    {
        // storescu takes many files per association; chunks keep the command line short.
        foreach (var chunk in files.Chunk(400))
        {
            ExternalProcess.Run("/usr/bin/storescu", ["-aet", "STORESCU", "-aec", calledAe, "127.0.0.1", Text(port), .. chunk], TimeSpan.FromMinutes(20));
        }
    }

    /// <summary>Every line, each on its own: a failure is reported as the line's error and the next line runs.</summary>
    private static async Task<JsonObject> MeasureAsync(HttpClient http, BenchData data, int repeat)
    {
        var series = $"studies/{data.SeriesStudy}/series/{data.SeriesUid}";
        var name = data.SmallNamePrefix + "*";
        return new JsonObject
        {
            ["qidoAllStudies"] = await LineAsync(() => LatencyAsync(http, "studies?limit=100000", DicomJson, repeat)),
            ["qidoStudyByUid"] = await LineAsync(() => LatencyAsync(http, $"studies?StudyInstanceUID={data.SmallStudy}", DicomJson, repeat)),
            ["qidoNameWildcard"] = await LineAsync(() => LatencyAsync(http, $"studies?PatientName={Uri.EscapeDataString(name)}", DicomJson, repeat)),
            ["seriesMetadata"] = await LineAsync(() => MetadataAsync(http, $"{series}/metadata", repeat)),
            ["frames"] = await LineAsync(() => FramesAsync(http, series, data.SeriesInstances)),
            ["rendered"] = await LineAsync(() => LatencyAsync(http, data.SeriesInstances.Take(repeat + 1).Select(i => $"{series}/instances/{i}/rendered").ToList(), "image/jpeg")),
            ["stow"] = await LineAsync(() => StowAsync(http, data.Stow)),
        };
    }

    private const string DicomJson = "application/dicom+json";

    private static async Task<JsonNode> LineAsync(Func<Task<JsonNode>> line)
    {
        try
        {
            return await line();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or IOException)
        {
            return new JsonObject { ["error"] = e.Message };
        }
    }

    private static async Task<byte[]> GetAsync(HttpClient http, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        return body;
    }

    private static Task<JsonNode> LatencyAsync(HttpClient http, string path, string accept, int repeat) =>
        LatencyAsync(http, Enumerable.Repeat(path, repeat + 1).ToList(), accept);

    /// <summary>The first request warms up (connection, code); the rest are timed one after another.</summary>
    private static async Task<JsonNode> LatencyAsync(HttpClient http, IReadOnlyList<string> paths, string accept)
    {
        var first = await GetAsync(http, paths[0], accept);
        var times = new List<double>();
        foreach (var path in paths.Skip(1))
        {
            var watch = Stopwatch.StartNew();
            await GetAsync(http, path, accept);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        var line = Percentiles(times, first.Length);
        if (accept == DicomJson)
        {
            // How many matched: a line that matches nothing measures nothing (an empty body is 204, none).
            line["results"] = first.Length == 0 ? 0 : JsonNode.Parse(first)!.AsArray().Count;
        }
        return line;
    }

    private static async Task<JsonNode> MetadataAsync(HttpClient http, string path, int repeat)
    {
        var watch = Stopwatch.StartNew();
        var body = await GetAsync(http, path, DicomJson);
        var cold = watch.Elapsed.TotalMilliseconds;
        var instances = JsonNode.Parse(body)!.AsArray().Count;
        var warm = (JsonObject)await LatencyAsync(http, path, DicomJson, repeat);
        warm["coldMs"] = Math.Round(cold, 1);
        warm["instances"] = instances;
        return warm;
    }

    /// <summary>Frame 1 of every instance, uncompressed, over 4 connections at once.</summary>
    private static async Task<JsonNode> FramesAsync(HttpClient http, string series, IReadOnlyList<string> instances)
    {
        const string accept = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";
        await GetAsync(http, $"{series}/instances/{instances[0]}/frames/1", accept);
        var next = -1;
        long bytes = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < instances.Count)
            {
                Interlocked.Add(ref bytes, (await GetAsync(http, $"{series}/instances/{instances[i]}/frames/1", accept)).Length);
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        return new JsonObject
        {
            ["frames"] = instances.Count,
            ["connections"] = 4,
            ["framesPerSecond"] = Math.Round(instances.Count / seconds, 1),
            ["megabytesPerSecond"] = Math.Round(bytes / seconds / 1e6, 1),
        };
    }

    /// <summary>STOW-RS of new instances, 10 per request, one request after another.</summary>
    private static async Task<JsonNode> StowAsync(HttpClient http, IReadOnlyList<string> files)
    {
        var watch = Stopwatch.StartNew();
        foreach (var batch in files.Chunk(10))
        {
            using var content = new MultipartContent("related", Boundary);
            content.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", "\"application/dicom\""));
            foreach (var file in batch)
            {
                var part = new ByteArrayContent(await File.ReadAllBytesAsync(file));
                part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
                content.Add(part);
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, "studies") { Content = content };
            request.Headers.TryAddWithoutValidation("Accept", DicomJson);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"POST studies: {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
        var seconds = watch.Elapsed.TotalSeconds;
        return new JsonObject { ["instances"] = files.Count, ["perRequest"] = 10, ["instancesPerSecond"] = Math.Round(files.Count / seconds, 1) };
    }

    private static JsonObject Percentiles(List<double> times, int bytes)
    {
        times.Sort();
        double P(double p) => Math.Round(times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)], 1);
        return new JsonObject { ["requests"] = times.Count, ["p50Ms"] = P(0.5), ["p95Ms"] = P(0.95), ["bytes"] = bytes };
    }

    /// <summary>The generated files and the UIDs the requests name.</summary>
    private sealed record BenchData(
        IReadOnlyList<string> Small, IReadOnlyList<string> Series, IReadOnlyList<string> Stow, string SmallStudy, string SmallNamePrefix,
        string SeriesStudy, string SeriesUid, IReadOnlyList<string> SeriesInstances)
    {
        public static BenchData Read(string small, string series, string stow)
        {
            static List<string> Files(string folder) => [.. Directory.EnumerateFiles(folder, "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
            static Dicom.Data.DicomDataset Header(string file) =>
                Dicom.IO.DicomFile.Open(file, new Dicom.IO.DicomReadOptions { StopBeforePixelData = true }).Dataset;
            var smallFiles = Files(small);
            var seriesFiles = Files(series);
            var one = Header(smallFiles[smallFiles.Count / 2]);
            var first = Header(seriesFiles[0]);
            var name = one.GetString(Dicom.Dictionary.DicomTags.PatientName)!;
            return new BenchData(smallFiles, seriesFiles, Files(stow),
                one.GetString(Dicom.Dictionary.DicomTags.StudyInstanceUID)!,
                name[..Math.Max(1, name.Length - 2)], // BENCH^PATIENT05*: a tenth of the studies
                first.GetString(Dicom.Dictionary.DicomTags.StudyInstanceUID)!,
                first.GetString(Dicom.Dictionary.DicomTags.SeriesInstanceUID)!,
                [.. seriesFiles.Select(f => Header(f).GetString(Dicom.Dictionary.DicomTags.SOPInstanceUID)!)]);
        }
    }
}
