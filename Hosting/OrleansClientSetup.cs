using Orleans.Configuration;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudFilm.Hosting;

/// <summary>
/// The Api is an Orleans client: it finds the silos' gateways through the PostgreSQL membership table. Settings
/// are read when the client starts, so tests and deployments can supply them late.
/// </summary>
public static class OrleansClientSetup
{
    public static IHostApplicationBuilder AddCloudFilmOrleansClient(this IHostApplicationBuilder builder, string hostName)
    {
        var configuration = builder.Configuration;
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = configuration.GetConnectionString("Postgres");
            });
            client.Services.AddCloudFilmClusterIdentity();
            client.Services.AddOptions<GatewayOptions>().Configure(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
            client.UseConnectionRetryFilter(new ConnectionRetry(hostName, TimeSpan.FromMinutes(2)).ShouldRetryAsync);
        });
        return builder;
    }

    /// <summary>While the silos start, keep trying for a while with one log line per attempt, then give up.</summary>
    private sealed class ConnectionRetry(string hostName, TimeSpan patience)
    {
        private readonly DateTime _deadline = DateTime.UtcNow + patience;

        public async Task<bool> ShouldRetryAsync(Exception error, CancellationToken cancellationToken)
        {
            if (DateTime.UtcNow > _deadline)
            {
                Console.Error.WriteLine($"cloudfilm {hostName}: no Orleans silo answered within {patience.TotalSeconds:0} s: {error.Message}");
                return false;
            }
            Console.Error.WriteLine($"cloudfilm {hostName}: waiting for an Orleans silo gateway ({error.GetType().Name})");
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return true;
        }
    }
}
