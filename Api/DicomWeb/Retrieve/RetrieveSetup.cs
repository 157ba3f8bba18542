namespace CloudFilm.Api.DicomWeb.Retrieve;

public static class RetrieveSetup
{
    /// <summary>WADO-RS and WADO-URI: the instance query, the stored-instance reader and its metadata cache.</summary>
    public static IServiceCollection AddCloudFilmWadoRs(this IServiceCollection services)
    {
        services.AddOptions<RetrieveOptions>().BindConfiguration(RetrieveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IRetrieveQueries, RetrieveQueries>();
        services.AddSingleton<MetadataCache>();
        services.AddSingleton<StoredInstances>();
        return services;
    }
}
