using CloudFilm.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace CloudFilm.Testing;

/// <summary>
/// A two-silo Orleans test cluster configured as production is: PostgreSQL membership, JSON grain state and
/// reminders, in a database of its own. Cluster and service ids are fixed per instance so a second cluster can be
/// started on the same data (a full restart).
/// </summary>
public static class PostgresCluster
{
    public const string ConnectionStringKey = "CloudFilmTest:Postgres";

    public static async Task<TestCluster> StartAsync(string connectionString, string serviceId, short silos = 2, bool tcp = false)
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
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
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
