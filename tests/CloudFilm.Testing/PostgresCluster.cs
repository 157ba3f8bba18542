using CloudFilm.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace CloudFilm.Testing;

/// <summary>
/// The one way tests and benchmarks start an Orleans cluster: silos in this process configured as production is
/// (PostgreSQL membership, JSON grain state and reminders) in a database of their own. Cluster and service ids are
/// fixed per instance so a second cluster can be started on the same data (a full restart).
/// </summary>
public static class PostgresCluster
{
    public const string ConnectionStringKey = "CloudFilmTest:Postgres";

    public static Task<TestCluster> StartAsync(string connectionString, string serviceId, short silos = 2, bool tcp = false) =>
        StartAsync<NothingMore>(connectionString, serviceId, silos, tcp);

    /// <summary>
    /// As <see cref="StartAsync(string, string, short, bool)"/>, with <typeparamref name="TSiloServices"/> configuring
    /// each silo first (e.g. a simulated clock, which the providers then leave in place).
    /// </summary>
    public static async Task<TestCluster> StartAsync<TSiloServices>(string connectionString, string serviceId, short silos = 2, bool tcp = false)
        where TSiloServices : ISiloConfigurator, new()
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = serviceId;
        builder.Options.UseTestClusterMembership = false;
        if (tcp)
        {
            builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        }
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<TSiloServices>();
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>
    /// Calls that reach a killed silo fail until the cluster has declared it dead and the grain lives elsewhere:
    /// retries <paramref name="call"/> (each try bounded to 10 s) until it answers or <paramref name="patience"/> runs out.
    /// </summary>
    public static async Task<T> UntilAnsweredAsync<T>(Func<Task<T>> call, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                return await call().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (DateTime.UtcNow < deadline && e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or OrleansException)
            {
                await Task.Delay(250);
            }
        }
    }

    private sealed class NothingMore : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddCloudFilmProviders(siloBuilder.Configuration[ConnectionStringKey]!);
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = configuration[ConnectionStringKey];
            });
    }
}
