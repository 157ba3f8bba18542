using CloudFilm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Orleans.TestingHost;

namespace CloudFilm.Api.Tests;

/// <summary>
/// The Api as it runs in production, in process: a real PostgreSQL database, a real Redis, and a two-silo
/// Orleans cluster on TCP that the Api finds through the PostgreSQL membership table. Two Api copies share
/// everything, as two machines behind a load balancer would. A third copy listens on a real loopback port
/// (Kestrel) for programs outside this process, started when first asked for.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    /// <summary>The API key of the "ris" system configured for the tests.</summary>
    public const string SystemKey = ApiHostEnvironment.SystemKey;

    public TestCluster Cluster { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public WebApplicationFactory<Program> Api { get; private set; } = null!;

    public WebApplicationFactory<Program> SecondApi { get; private set; } = null!;

    private WebApplicationFactory<Program>? _loopbackApi;

    /// <summary>
    /// The address of an Api copy on a real loopback port (Kestrel, 127.0.0.1), for clients that are other programs
    /// (Orthanc, dcmtk, a browser); it shares the database, Redis, cluster and blob store with <see cref="Api"/>.
    /// </summary>
    public Uri LoopbackAddress
    {
        get
        {
            if (_loopbackApi is null)
            {
                var api = new WebApplicationFactory<Program>();
                api.UseKestrel(0);
                api.StartServer();
                _loopbackApi = api;
            }
            return _loopbackApi.ClientOptions.BaseAddress;
        }
    }

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.Instance.CreateDatabaseAsync("api");
        var serviceId = "cf-" + Guid.NewGuid().ToString("N")[..8];
        Cluster = await PostgresCluster.StartAsync(ConnectionString, serviceId, tcp: true);

        ApiHostEnvironment.Configure(ConnectionString, serviceId);
        Api = new WebApplicationFactory<Program>();
        SecondApi = new WebApplicationFactory<Program>();
        _ = Api.Server;
        _ = SecondApi.Server;
    }

    /// <summary>A client that calls as the "ris" system.</summary>
    public HttpClient SystemClient()
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", SystemKey);
        return client;
    }

    /// <summary>The latest SMS the development gateway wrote for a phone number.</summary>
    public Task<string?> LatestSmsAsync(string phone) => ApiHostEnvironment.LatestSmsAsync(ConnectionString, phone);

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await SecondApi.DisposeAsync();
        if (_loopbackApi is not null)
        {
            await _loopbackApi.DisposeAsync();
        }
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
