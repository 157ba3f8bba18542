namespace CloudFilm.Api.Sharing;

public static class ShareLinkSetup
{
    /// <summary>Share link addresses and texts, from <see cref="ShareLinkOptions"/> validated at start-up.</summary>
    public static IServiceCollection AddCloudFilmShareLinks(this IServiceCollection services)
    {
        services.AddOptions<ShareLinkOptions>().BindConfiguration(ShareLinkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ShareLinks>();
        return services;
    }
}
