using CloudFilm.Archive;
using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Measurements;
using CloudFilm.Archive.Peers;
using CloudFilm.Archive.Query;
using CloudFilm.Archive.Reading;
using Microsoft.Extensions.Options;

namespace CloudFilm.Api.Dicom;

public static class ArchiveSetup
{
    /// <summary>Read access to the DICOM archive (index + blob store, <c>Archive:BlobRoot</c>) and the peers table.</summary>
    public static IServiceCollection AddCloudFilmArchive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ArchiveOptions>().Bind(configuration.GetSection(ArchiveOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new BlobStore(sp.GetRequiredService<IOptions<ArchiveOptions>>().Value.BlobRoot));
        services.AddSingleton<IArchiveReader, ArchiveReader>();
        services.AddSingleton<IndexQueries>();
        services.AddSingleton<PeerStore>();
        services.AddSingleton<MeasurementStore>();
        services.AddSingleton<CloudFilm.Archive.Retrieval.RetrieveJobStore>();
        return services;
    }
}
