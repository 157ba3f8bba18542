using Microsoft.AspNetCore.SignalR;

namespace CloudFilm.Api.Queues;

/// <summary>Wiring of queue calling into the Api: the event relay, the hub and the screen and console pages.</summary>
public static class QueueSetup
{
    public static IServiceCollection AddCloudFilmQueues(this IServiceCollection services)
    {
        services.AddSingleton<QueueEventRelay>();
        services.AddHostedService(provider => provider.GetRequiredService<QueueEventRelay>());
        // Queue events are delivered to local connections only: every copy hears the queues its screens show
        // (see QueueEventRelay), so this hub does not go through the Redis backplane.
        services.AddSingleton<HubLifetimeManager<QueueHub>, DefaultHubLifetimeManager<QueueHub>>();
        return services;
    }

    /// <summary>The hub and the pages <c>/screens/hall/{id}</c>, <c>/screens/room/{id}</c>, <c>/console/{room}</c>.</summary>
    public static WebApplication MapQueueScreens(this WebApplication app)
    {
        app.MapHub<QueueHub>(QueueHub.Path);
        Page(app, "/screens/hall/{id}", "screens/hall.html");
        Page(app, "/screens/room/{id}", "screens/room.html");
        // The console's scripts live one level deeper (/console/assets/...), out of this route's way.
        Page(app, "/console/{room}", "console/index.html");
        return app;
    }

    private static void Page(WebApplication app, string pattern, string file) =>
        app.MapGet(pattern, (IWebHostEnvironment environment) =>
                Results.File(environment.WebRootFileProvider.GetFileInfo(file).CreateReadStream(), "text/html; charset=utf-8"))
            .ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                context.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
                return await next(context);
            });
}
