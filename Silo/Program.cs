using CloudFilm.Hosting;
using CloudFilm.Silo.Hosting;
using Microsoft.Extensions.Hosting;

namespace CloudFilm.Silo;

/// <summary>The silo host: checks PostgreSQL, applies migrations, then runs the Orleans silo until stopped.</summary>
internal static class SiloProgram
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.UseCloudFilmConsoleLogging();
        var settings = SiloSettings.From(builder.Configuration);

        if (!await HostStartup.PrepareDatabaseAsync("silo", settings.PostgresConnectionString))
        {
            return 1;
        }

        builder.UseOrleans(silo =>
        {
            silo.Services.AddCloudFilmClusterIdentity();
            silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort);
            silo.AddCloudFilmProviders(settings.PostgresConnectionString);
        });

        await builder.Build().RunAsync();
        return 0;
    }
}
