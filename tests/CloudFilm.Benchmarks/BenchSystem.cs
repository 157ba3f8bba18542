using System.Diagnostics;
using System.Globalization;
using CloudFilm.Testing;
using Orleans.TestingHost;

namespace CloudFilm.Benchmarks;

/// <summary>
/// CloudFilm as <c>./cloudfilm run</c> runs it, on a fresh database: a cluster on PostgreSQL in this process, the Api
/// and the DicomNode as processes of their own (configured by <see cref="ApiHostEnvironment"/>, with its system key),
/// on free ports. Disposing stops them all.
/// </summary>
internal sealed class BenchSystem : IAsyncDisposable
{
    private readonly TestCluster _cluster;
    private readonly Process _api;
    private readonly Process _node;

    private BenchSystem(string connectionString, TestCluster cluster, Process api, Uri apiAddress, Process node, int dicomPort)
    {
        ConnectionString = connectionString;
        _cluster = cluster;
        _api = api;
        ApiAddress = apiAddress;
        _node = node;
        DicomPort = dicomPort;
    }

    public string ConnectionString { get; }

    public Uri ApiAddress { get; }

    public int DicomPort { get; }

    public static async Task<BenchSystem> StartAsync(string database)
    {
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync(database);
        var serviceId = "cf-" + Guid.NewGuid().ToString("N")[..8];
        var cluster = await PostgresCluster.StartAsync(connectionString, serviceId, tcp: true);
        ApiHostEnvironment.Configure(connectionString, serviceId);
        var apiPort = ExternalProcess.FreeTcpPort();
        var dicomPort = ExternalProcess.FreeTcpPort();
        var api = Hosts.Start("Api", "CloudFilm.Api.dll", new() { ["Urls"] = $"http://127.0.0.1:{apiPort}" });
        var node = Hosts.Start("DicomNode", "CloudFilm.DicomNode.dll", new()
        {
            ["Dicom__Port"] = dicomPort.ToString(CultureInfo.InvariantCulture),
            ["Dicom__PeerCacheDuration"] = "00:00:00",
        });
        return new BenchSystem(connectionString, cluster, api, new Uri($"http://127.0.0.1:{apiPort}"), node, dicomPort);
    }

    public async ValueTask DisposeAsync()
    {
        _api.Kill(entireProcessTree: true);
        _node.Kill(entireProcessTree: true);
        _api.Dispose();
        _node.Dispose();
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
