using System.Net;
using Microsoft.Extensions.Configuration;

namespace CloudFilm.Silo.Hosting;

/// <summary>
/// The silo's own settings, read from configuration (appsettings.json, then environment variables) before the host is
/// built, because they decide how it is built. The cluster identity is <c>ClusterIdentityOptions</c> (Hosting).
/// </summary>
public sealed record SiloSettings(
    string PostgresConnectionString,
    IPAddress AdvertisedAddress,
    int SiloPort,
    int GatewayPort)
{
    public static SiloSettings From(IConfiguration configuration)
    {
        var orleans = configuration.GetSection("Orleans");
        return new SiloSettings(
            configuration.GetConnectionString("Postgres") ?? "",
            IPAddress.Parse(orleans["AdvertisedIPAddress"] ?? "127.0.0.1"),
            orleans.GetValue("SiloPort", 11111),
            orleans.GetValue("GatewayPort", 30000));
    }
}
