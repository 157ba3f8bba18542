using CloudFilm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Orleans.TestingHost;

namespace CloudFilm.Api.Tests;

/// <summary>
/// The Api as it runs in production, in process: a real PostgreSQL database, a real Redis, and a two-silo
/// Orleans cluster on TCP that the Api finds through the PostgreSQL membership table. Two Api copies share
/// everything, as two machines behind a load balancer would.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public WebApplicationFactory<Program> Api { get; private set; } = null!;

    public WebApplicationFactory<Program> SecondApi { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.Instance.CreateDatabaseAsync("api");
        var serviceId = "cf-" + Guid.NewGuid().ToString("N")[..8];
        Cluster = await PostgresCluster.StartAsync(ConnectionString, serviceId, tcp: true);

        // The Api reads its settings while it builds, as it does from the environment in production.
        Environment.SetEnvironmentVariable("ConnectionStrings__Postgres", ConnectionString);
        Environment.SetEnvironmentVariable("ConnectionStrings__Redis", RedisServer.Instance.Configuration);
        Environment.SetEnvironmentVariable("Orleans__ClusterId", serviceId);
        Environment.SetEnvironmentVariable("Orleans__ServiceId", serviceId);
        Environment.SetEnvironmentVariable("Redis__ChannelPrefix", serviceId);
        Api = new WebApplicationFactory<Program>();
        SecondApi = new WebApplicationFactory<Program>();
        _ = Api.Server;
        _ = SecondApi.Server;
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await SecondApi.DisposeAsync();
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
