using CloudFilm.Archive.Index;
using CloudFilm.Archive.Measurements;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CloudFilm.Archive.Ingest;

public static class IngestSetup
{
    /// <summary>
    /// What a host that stores instances needs (the DICOM front node for C-STORE, the Api for STOW-RS): the batching
    /// <see cref="InstanceIndexWriter"/>, the SR measurement mapping and store, and <see cref="InstanceIngest"/>. The
    /// host registers the options (<see cref="ArchiveOptionsSetup.AddArchiveOptions"/>), its <see cref="Blobs.BlobStore"/>,
    /// <see cref="NpgsqlDataSource"/> and <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddArchiveIngest(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ArchiveOptions>>().Value;
            return new InstanceIndexWriter(sp.GetRequiredService<NpgsqlDataSource>(), options.Duplicates, options.IndexBatchSize,
                sp.GetRequiredService<ILogger<InstanceIndexWriter>>());
        });
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(MeasurementMapping.Section).Get<MeasurementMapping>()
            is { Fields.Count: > 0 } mapping ? mapping : MeasurementMapping.Default);
        services.TryAddSingleton<MeasurementStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<InstanceIngest>();
        return services;
    }
}
