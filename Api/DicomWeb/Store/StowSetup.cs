using CloudFilm.Archive.Ingest;

namespace CloudFilm.Api.DicomWeb.Store;

public static class StowSetup
{
    /// <summary>
    /// STOW-RS: its limits (section <c>DicomWeb</c>) and the archive's ingest (the same index writer, duplicate policy
    /// and compression queue as C-STORE); the blob store and archive options come from <c>AddCloudFilmArchiveReading</c>.
    /// </summary>
    public static IServiceCollection AddStowRs(this IServiceCollection services)
    {
        services.AddOptions<StowOptions>().BindConfiguration(StowOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddArchiveIngest();
        return services;
    }
}
