using CloudFilm.Api.Dispatch.Queries;

namespace CloudFilm.Api.Dispatch;

public static class DispatchSetup
{
    /// <summary>The board feed (one per Api copy) that brings pool changes to the dispatch hub, and the worklist queries.</summary>
    public static IServiceCollection AddCloudFilmDispatch(this IServiceCollection services)
    {
        services.AddSingleton<DispatchBoardFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<DispatchBoardFeed>());
        services.AddSingleton<IWorklistQueries, WorklistQueries>();
        return services;
    }
}
