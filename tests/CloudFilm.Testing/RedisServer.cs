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
        var port = ExternalProcess.FreeTcpPort();
        var dir = Directory.CreateTempSubdirectory("cloudfilm-redis-").FullName;
        // A missing redis-server fails naming its package; ./cloudfilm test installs it, or set CLOUDFILM_TEST_REDIS.
        var start = ExternalProcess.Command("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no"]);
        var server = ExternalProcess.StartAsync(start, port, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        ExternalProcess.WhenThisProcessEnds($"kill {server.Id} 2>/dev/null; rm -rf '{dir}'");
        return new RedisServer($"127.0.0.1:{port}");
    }
}
