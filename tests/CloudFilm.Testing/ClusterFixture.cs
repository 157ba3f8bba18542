using Orleans.TestingHost;
using Xunit;

namespace CloudFilm.Testing;

/// <summary>One two-silo cluster on its own PostgreSQL database, shared by the tests of a class.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.Instance.CreateDatabaseAsync("grains");
        Cluster = await PostgresCluster.StartAsync(ConnectionString, "cf-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
