using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CloudFilm.Api.Hosting;

/// <summary>
/// One Redis connection per Api process, shared by the SignalR backplane and the readiness check, and the names
/// this deployment uses in it (<see cref="RedisNamingOptions"/>, validated at start-up).
/// </summary>
public static class RedisSetup
{
    public static IServiceCollection AddCloudFilmRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(configuration.GetConnectionString("Redis") ?? "127.0.0.1:56379");
            options.AbortOnConnectFail = false;
            options.ClientName = "cloudfilm-api";
            return ConnectionMultiplexer.Connect(options);
        });

        services.AddOptions<RedisNamingOptions>().BindConfiguration(RedisNamingOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSignalR().AddStackExchangeRedis();
        services.AddOptions<RedisOptions>().Configure<IServiceProvider>((o, provider) =>
        {
            o.Configuration.ChannelPrefix = RedisChannel.Literal(provider.GetRequiredService<IOptions<RedisNamingOptions>>().Value.ChannelPrefix);
            o.ConnectionFactory = _ => Task.FromResult(provider.GetRequiredService<IConnectionMultiplexer>());
        });
        return services;
    }
}
