using System.Diagnostics;

namespace CloudFilm.Testing;

/// <summary>
/// A real Redis for tests: the one named by <c>CLOUDFILM_TEST_REDIS</c>, or a redis-server this process starts
/// on a free loopback port. Fixtures isolate themselves with their own channel prefix.
/// </summary>
public sealed class RedisServer
{
    private static readonly Lazy<RedisServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private RedisServer(string configuration) => Configuration = configuration;

    public static RedisServer Instance => Shared.Value;

    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</summary>
    public string Configuration { get; }

    private static RedisServer Start()
    {
        var given = Environment.GetEnvironmentVariable("CLOUDFILM_TEST_REDIS");
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new RedisServer(given);
        }
        var server = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "redis-server was not found. Run the tests with ./cloudfilm test (it installs Redis), or set CLOUDFILM_TEST_REDIS.");
        var port = ExternalProcess.FreeTcpPort();
        var dir = Directory.CreateTempSubdirectory("cloudfilm-redis-").FullName;
        var start = new ProcessStartInfo(server) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(a);
        }
        var process = Process.Start(start)!;
        ExternalProcess.WhenThisProcessEnds($"kill {process.Id} 2>/dev/null; rm -rf '{dir}'");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient("127.0.0.1", port);
                return new RedisServer($"127.0.0.1:{port}");
            }
            catch (System.Net.Sockets.SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException($"redis-server did not start on 127.0.0.1:{port}");
    }
}
