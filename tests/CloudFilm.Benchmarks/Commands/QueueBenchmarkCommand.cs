using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudFilm.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace CloudFilm.Benchmarks.Commands;

/// <summary>
/// queue [--screens N] [--queues N] [--rate CALLS_PER_S] [--seconds S] [--burst FACTOR] [--burst-seconds S]:
/// N screens (SignalR clients in this process, over WebSockets) watch their queues through the Api, which runs as its
/// own process against a two-silo cluster on PostgreSQL (in this process). Consoles call next at a peak rate, then
/// at a burst of FACTOR times it. Reports call-to-screen latency (console request sent → event received) p50/p99,
/// messages lost (a screen that never received a call of its queue), and the Api process's memory per connected
/// screen (resident set growth while the screens connect and join, divided by their number).
/// </summary>
internal sealed class QueueBenchmarkCommand : IBenchmarkCommand
{
    public string Summary => "queue screens: call-to-screen latency, lost messages, Api memory per screen";

    public async Task<int> RunAsync(string[] args)
    {
        int screens = 500, queues = 50, seconds = 20, burstSeconds = 5;
        double rate = 5, burst = 10;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--screens": screens = int.Parse(args[++i]); break;
                case "--queues": queues = int.Parse(args[++i]); break;
                case "--rate": rate = double.Parse(args[++i]); break;
                case "--seconds": seconds = int.Parse(args[++i]); break;
                case "--burst": burst = double.Parse(args[++i]); break;
                case "--burst-seconds": burstSeconds = int.Parse(args[++i]); break;
                default:
                    Console.Error.WriteLine($"queue: unknown option {args[i]}");
                    return 2;
            }
        }

        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("bench-queue");
        var serviceId = "cf-" + Guid.NewGuid().ToString("N")[..8];
        var cluster = await PostgresCluster.StartAsync(connectionString, serviceId, tcp: true);
        ApiHostEnvironment.Configure(connectionString, serviceId);
        var port = ExternalProcess.FreeTcpPort();
        using var api = Hosts.Start("Api", "CloudFilm.Api.dll", new() { ["Urls"] = $"http://127.0.0.1:{port}" });
        try
        {
            var baseAddress = new Uri($"http://127.0.0.1:{port}");
            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.Add("X-Api-Key", ApiHostEnvironment.SystemKey);
            await Hosts.WaitForApiAsync(http);

            // Queues with two rooms each, and enough waiting patients for every call of the run.
            var callsPlanned = (int)Math.Ceiling(rate * seconds + rate * burst * burstSeconds);
            var ticketsPerQueue = callsPlanned / queues + 10;
            var queueIds = Enumerable.Range(0, queues).Select(q => $"bench-{q:000}").ToList();
            await Parallel.ForEachAsync(queueIds, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (queueId, ct) =>
            {
                (await http.PutAsJsonAsync($"/api/v1/queues/{queueId}", new
                {
                    campus = "东院", name = queueId, ticketPrefix = "B",
                    rooms = new object[] { new { roomId = "r1", name = "1室" }, new { roomId = "r2", name = "2室" } },
                    rules = new { preCallCount = 0 },
                }, ct)).EnsureSuccessStatusCode();
                for (var t = 0; t < ticketsPerQueue; t++)
                {
                    (await http.PostAsJsonAsync($"/api/v1/queues/{queueId}/tickets", new { examId = $"{queueId}-{t}", patientName = "张三丰" }, ct)).EnsureSuccessStatusCode();
                }
            });
            var tokens = new string[screens];
            await Parallel.ForEachAsync(Enumerable.Range(0, screens), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (s, ct) =>
            {
                var screenId = $"bench-screen-{s:0000}";
                (await http.PutAsJsonAsync($"/api/v1/screens/{screenId}", new
                {
                    kind = "hall", campus = "东院", area = "大厅", title = screenId, regions = new[] { new { queueId = queueIds[s % queues] } },
                }, ct)).EnsureSuccessStatusCode();
                var issued = await (await http.PostAsync($"/api/v1/screens/{screenId}/token", null, ct)).Content.ReadFromJsonAsync<JsonObject>(ct);
                tokens[s] = issued!["token"]!.GetValue<string>();
            });

            // Connect the screens, measuring the Api's resident memory before and after.
            var rssBefore = ResidentBytes(api.Id);
            var sent = new ConcurrentDictionary<(string Queue, int Number), long>();
            var latencies = new ConcurrentBag<double>();
            var received = new ConcurrentDictionary<(string Queue, int Number), int>();
            var early = new ConcurrentDictionary<(string Queue, int Number), ConcurrentBag<long>>();
            void Settle((string, int) key)
            {
                if (sent.TryGetValue(key, out var at) && early.TryGetValue(key, out var receipts))
                {
                    while (receipts.TryTake(out var receivedAt))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(at, receivedAt).TotalMilliseconds);
                    }
                }
            }
            var connections = new HubConnection[screens];
            await Parallel.ForEachAsync(Enumerable.Range(0, screens), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (s, ct) =>
            {
                var connection = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hubs/queues"), o =>
                {
                    o.SkipNegotiation = true;
                    o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                }).Build();
                connection.On<JsonElement>("queueEvent", e =>
                {
                    if (e.GetProperty("kind").GetString() != "called")
                    {
                        return;
                    }
                    var key = (e.GetProperty("queueId").GetString()!, e.GetProperty("ticket").GetProperty("number").GetInt32());
                    received.AddOrUpdate(key, 1, (_, n) => n + 1);
                    // The event may arrive before the console's answer names the number: park it until then.
                    early.GetOrAdd(key, _ => new ConcurrentBag<long>()).Add(Stopwatch.GetTimestamp());
                    Settle(key);
                });
                await connection.StartAsync(ct);
                await connection.InvokeAsync<JsonElement>("JoinScreen", tokens[s], ct);
                connections[s] = connection;
            });
            await Task.Delay(2000);
            var rssAfter = ResidentBytes(api.Id);

            // Peak, then burst: each call goes to the next room round robin; a call's latency starts when its
            // request is sent and ends when a screen receives the event (every screen of the queue counts).
            var rooms = queueIds.SelectMany(q => new[] { (q, "r1"), (q, "r2") }).ToList();
            var next = 0;
            var calls = new ConcurrentBag<(string Queue, int Number)>();
            var failures = 0;
            async Task PhaseAsync(double perSecond, int duration)
            {
                var interval = TimeSpan.FromSeconds(1 / perSecond);
                var total = (int)(perSecond * duration);
                var started = Stopwatch.GetTimestamp();
                var inFlight = new List<Task>();
                for (var c = 0; c < total; c++)
                {
                    var due = interval * c - Stopwatch.GetElapsedTime(started);
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due);
                    }
                    var (queueId, room) = rooms[Interlocked.Increment(ref next) % rooms.Count];
                    inFlight.Add(CallAsync(queueId, room));
                }
                await Task.WhenAll(inFlight);
            }
            async Task CallAsync(string queueId, string room)
            {
                var at = Stopwatch.GetTimestamp();
                var response = await http.PostAsync($"/api/v1/queues/{queueId}/rooms/{room}/call-next", null);
                if (!response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.NoContent)
                {
                    Interlocked.Increment(ref failures);
                    return;
                }
                var ticket = await response.Content.ReadFromJsonAsync<JsonObject>();
                var key = (queueId, ticket!["number"]!.GetValue<int>());
                calls.Add(key);
                sent[key] = at;
                Settle(key);
            }
            await PhaseAsync(rate, seconds);
            var peakLatencies = latencies.ToArray();
            latencies.Clear();
            await PhaseAsync(rate * burst, burstSeconds);
            await Task.Delay(5000);
            var burstLatencies = latencies.ToArray();

            var screensPerQueue = Enumerable.Range(0, screens).GroupBy(s => queueIds[s % queues]).ToDictionary(g => g.Key, g => g.Count());
            var expected = calls.Sum(c => screensPerQueue.GetValueOrDefault(c.Queue));
            var delivered = calls.Sum(c => Math.Min(received.GetValueOrDefault(c), screensPerQueue.GetValueOrDefault(c.Queue)));
            var result = new
            {
                benchmark = "queue",
                screens, queues, peakCallsPerSecond = rate, peakSeconds = seconds, burstCallsPerSecond = rate * burst, burstSeconds,
                calls = calls.Count, callFailures = failures,
                peak = Percentiles(peakLatencies), burst = Percentiles(burstLatencies), all = Percentiles([.. peakLatencies, .. burstLatencies]),
                messagesExpected = expected, messagesLost = expected - delivered,
                apiResidentMbBefore = Math.Round(rssBefore / 1048576.0, 1), apiResidentMbAfter = Math.Round(rssAfter / 1048576.0, 1),
                apiKbPerScreen = Math.Round((rssAfter - rssBefore) / 1024.0 / screens, 1),
                processors = Environment.ProcessorCount,
            };
            Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
            foreach (var c in connections.Where(c => c is not null))
            {
                await c.DisposeAsync();
            }
            return 0;
        }
        finally
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static object Percentiles(double[] values)
    {
        if (values.Length == 0)
        {
            return new { count = 0 };
        }
        Array.Sort(values);
        double P(double p) => Math.Round(values[Math.Min(values.Length - 1, (int)Math.Ceiling(p * values.Length) - 1)], 1);
        return new { count = values.Length, p50Ms = P(0.50), p99Ms = P(0.99), maxMs = Math.Round(values[^1], 1) };
    }

    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
