using System.Net;
using Microsoft.Extensions.Configuration;

namespace CloudFilm.Silo.Hosting;

/// <summary>The silo's settings, read from configuration (appsettings.json, then environment variables).</summary>
public sealed record SiloSettings(
    string PostgresConnectionString,
    string ClusterId,
    string ServiceId,
    IPAddress AdvertisedAddress,
    int SiloPort,
    int GatewayPort)
{
    public static SiloSettings From(IConfiguration configuration)
    {
        var orleans = configuration.GetSection("Orleans");
        return new SiloSettings(
            configuration.GetConnectionString("Postgres") ?? "",
            orleans["ClusterId"] ?? "cloudfilm",
            orleans["ServiceId"] ?? "cloudfilm",
            IPAddress.Parse(orleans["AdvertisedIPAddress"] ?? "127.0.0.1"),
            orleans.GetValue("SiloPort", 11111),
            orleans.GetValue("GatewayPort", 30000));
    }
}
