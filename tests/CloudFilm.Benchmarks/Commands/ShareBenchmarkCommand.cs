using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudFilm.Testing;
using Microsoft.Playwright;

namespace CloudFilm.Benchmarks.Commands;

/// <summary>
/// The cloud film on a phone: (1) time from opening an already verified link to the first image painted, in
/// Chromium on a throttled 4G-like network, for a CT study sent over DICOM; (2) many verified viewers fetching
/// frames at once against one Api: error rate and latency percentiles.
/// </summary>
internal sealed partial class ShareBenchmarkCommand : IBenchmarkCommand
{
    public string Summary => "cloud film: first image on a throttled phone, and many viewers fetching frames";

    [GeneratedRegex(@"/s/([A-Za-z0-9_-]{22})")]
    private static partial Regex LinkPattern();

    public async Task<int> RunAsync(string[] args)
    {
        int images = 300, viewers = 1000, seconds = 60, opens = 5;
        double mbit = 10, rttMs = 60;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--images": images = int.Parse(args[++i]); break;
                case "--viewers": viewers = int.Parse(args[++i]); break;
                case "--seconds": seconds = int.Parse(args[++i]); break;
                case "--opens": opens = int.Parse(args[++i]); break;
                case "--mbit": mbit = double.Parse(args[++i]); break;
                case "--rtt": rttMs = double.Parse(args[++i]); break;
                default:
                    Console.Error.WriteLine($"share: unknown option {args[i]}");
                    return 2;
            }
        }

        await using var running = await BenchSystem.StartAsync("bench-share");
        var connectionString = running.ConnectionString;
        var dicomPort = running.DicomPort;
        var work = Directory.CreateTempSubdirectory("cf-bench-share").FullName;
        try
        {
            var baseAddress = running.ApiAddress;
            using var system = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(120) };
            system.DefaultRequestHeaders.Add("X-Api-Key", ApiHostEnvironment.SystemKey);
            await Hosts.WaitForApiAsync(system);
            await using (var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString))
            {
                await new CloudFilm.Archive.Peers.PeerStore(dataSource).UpsertAsync(new CloudFilm.Archive.Peers.DicomPeer("STORESCU", "127.0.0.1", null, "bench", DateTimeOffset.UtcNow), default);
            }

            // A realistic CT series from the team's generator, relabelled for one registered order.
            var accession = "B" + Guid.NewGuid().ToString("N")[..12];
            var phone = "13" + Random.Shared.Next(100_000_000, 999_999_999);
            (await system.PostAsJsonAsync("/api/v1/studies", new
            {
                patient = new { id = "P" + accession, issuer = "HOSP", name = "张三", sex = "M", birthDate = "1970-01-01", phone },
                order = new { accessionNumber = accession, campus = "东院", department = "放射科", modality = "CT", examItem = "胸部CT", priority = "routine", patientType = "outpatient" },
            })).EnsureSuccessStatusCode();
            ExternalProcess.Run("/usr/bin/python3", [SharedBench.Script("gen.py"), "--out", work, "-n", images.ToString(), "--modality", "CT", "--seed", "3"], TimeSpan.FromMinutes(5));
            var files = Directory.EnumerateFiles(work, "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            Relabel(files, accession);
            var send = Stopwatch.StartNew();
            ExternalProcess.Run("/usr/bin/storescu", ["-aet", "STORESCU", "-aec", "CLOUDFILM", "127.0.0.1", dicomPort.ToString(), .. files], TimeSpan.FromMinutes(10));
            await WaitForImagesAsync(system, accession, files.Count);
            var sendSeconds = send.Elapsed.TotalSeconds;
            (await system.PostAsJsonAsync($"/api/v1/studies/{accession}/reports", new
            {
                patient = new { id = "P" + accession, issuer = "HOSP", name = "张三", phone },
                examItem = "胸部CT", findings = "所见。", impression = "结论。", reportingDoctor = "李医生", reportedAt = DateTimeOffset.UtcNow, status = "final",
            })).EnsureSuccessStatusCode();
            var token = LinkPattern().Match((await ApiHostEnvironment.LatestSmsAsync(connectionString, phone))!).Groups[1].Value;

            // A verified viewer: one code by SMS, one proof cookie.
            var cookies = new CookieContainer();
            using var viewer = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(120) };
            (await viewer.PostAsync($"/api/v1/share/{token}/code", null)).EnsureSuccessStatusCode();
            var code = Regex.Match((await ApiHostEnvironment.LatestSmsAsync(connectionString, phone))!, @"验证码 (\d{6})").Groups[1].Value;
            (await viewer.PostAsJsonAsync($"/api/v1/share/{token}/verify", new { code })).EnsureSuccessStatusCode();
            var proof = cookies.GetCookies(baseAddress).Single(c => c.Name.StartsWith("cf_view_", StringComparison.Ordinal));

            var firstImage = await FirstImageAsync(baseAddress, token, proof, opens, mbit, rttMs);
            var series = await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/share/{token}/studies/{accession}/series");
            var frames = series!.SelectMany(s => s!["images"]!.AsArray()).Select(i => i!["sopInstanceUid"]!.GetValue<string>()).ToList();
            var load = await LoadAsync(viewer, $"/api/v1/share/{token}/studies/{accession}/instances/", frames, viewers, seconds);

            Console.WriteLine(JsonSerializer.Serialize(new
            {
                benchmark = "share",
                machine = new { processors = Environment.ProcessorCount, os = Environment.OSVersion.ToString() },
                study = new { images = files.Count, modality = "CT", rows = 512, columns = 512, sendAndIndexSeconds = Math.Round(sendSeconds, 1) },
                firstImage = new { network = new { mbit, rttMs }, opens, milliseconds = firstImage, p50Ms = Median(firstImage), maxMs = firstImage.Max(), targetMs = 3000 },
                viewers = load,
            }, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Relabel(IEnumerable<string> files, string accession)
    {
        var study = Dicom.Uids.DicomUidGenerator.NewUid();
        foreach (var path in files)
        {
            var file = Dicom.IO.DicomFile.Open(path);
            var ds = file.Dataset;
            ds.Set(Dicom.Dictionary.DicomTags.PatientID, Dicom.Data.DicomVR.LO, "P" + accession);
            ds.Set(Dicom.Dictionary.DicomTags.IssuerOfPatientID, Dicom.Data.DicomVR.LO, "HOSP");
            ds.Set(Dicom.Dictionary.DicomTags.AccessionNumber, Dicom.Data.DicomVR.SH, accession);
            ds.Set(Dicom.Dictionary.DicomTags.StudyInstanceUID, Dicom.Data.DicomVR.UI, study);
            var copy = new Dicom.IO.DicomFile(ds, file.TransferSyntax);
            var temp = path + ".tmp";
            copy.Save(temp);
            File.Move(temp, path, overwrite: true);
        }
    }

    private static async Task WaitForImagesAsync(HttpClient system, string accession, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            var study = await system.GetFromJsonAsync<JsonObject>($"/api/v1/studies/{accession}");
            if (study?["images"]?["instances"]?.GetValue<int>() >= count)
            {
                return;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("the images did not reach the study");
    }

    /// <summary>Opens the verified link in a fresh, cache-less phone context on a throttled network, several times.</summary>
    private static async Task<int[]> FirstImageAsync(Uri baseAddress, string token, System.Net.Cookie proof, int opens, double mbit, double rttMs)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var results = new List<int>();
        for (var i = 0; i < opens; i++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = "zh-CN",
            });
            await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = proof.Name, Value = proof.Value, Domain = baseAddress.Host, Path = "/" }]);
            var page = await context.NewPageAsync();
            var cdp = await context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Network.enable");
            await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });
            await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
            {
                ["offline"] = false,
                ["latency"] = rttMs,
                ["downloadThroughput"] = mbit * 1_000_000 / 8,
                ["uploadThroughput"] = mbit * 1_000_000 / 8 / 2,
            });
            await page.GotoAsync(new Uri(baseAddress, $"/s/{token}").ToString());
            await page.WaitForSelectorAsync("body[data-first-image-ms]", new PageWaitForSelectorOptions { Timeout = 60_000 });
            results.Add(int.Parse((await page.GetAttributeAsync("body", "data-first-image-ms"))!));
        }
        return [.. results];
    }

    /// <summary>Many verified viewers, each fetching frames one after another (low then high, as the page does).</summary>
    private static async Task<object> LoadAsync(HttpClient viewer, string prefix, IReadOnlyList<string> frames, int viewers, int seconds)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        long ok = 0, failed = 0, bytes = 0;
        var stop = DateTime.UtcNow.AddSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, viewers).Select(async v =>
        {
            var random = new Random(v);
            while (DateTime.UtcNow < stop)
            {
                var quality = random.Next(2) == 0 ? "low" : "high";
                var url = $"{prefix}{frames[random.Next(frames.Count)]}/frames/0?quality={quality}";
                var watch = Stopwatch.StartNew();
                try
                {
                    using var response = await viewer.GetAsync(url);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    if (response.IsSuccessStatusCode && body.Length > 0)
                    {
                        Interlocked.Increment(ref ok);
                        Interlocked.Add(ref bytes, body.Length);
                        latencies.Add(watch.Elapsed.TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        var sorted = latencies.Order().ToArray();
        double P(double p) => sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 1);
        return new
        {
            viewers, seconds, requests = ok + failed, failed, errorRate = ok + failed == 0 ? 0 : Math.Round((double)failed / (ok + failed), 4),
            framesPerSecond = Math.Round(ok / (double)seconds, 1), megabytesPerSecond = Math.Round(bytes / 1e6 / seconds, 1),
            p50Ms = P(0.50), p95Ms = P(0.95), p99Ms = P(0.99),
        };
    }

    private static int Median(int[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
