using CloudFilm.Archive;
using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Ingest;
using CloudFilm.Archive.Peers;
using CloudFilm.Archive.Query;
using CloudFilm.Archive.Reading;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.DicomNode.Access;
using CloudFilm.DicomNode.Ingest;
using CloudFilm.DicomNode.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CloudFilm.DicomNode.Hosting;

/// <summary>
/// Everything the DICOM front node runs, registered on a host: options, the archive (blob store, index writer,
/// reader, peers), the DICOM listener and the background workers. The Orleans client and the study notification
/// target are added by Program (tests supply their own target).
/// </summary>
public static class DicomNodeSetup
{
    public static IHostApplicationBuilder AddDicomNode(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DicomNodeOptions>().BindConfiguration(DicomNodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddArchiveOptions();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => CreateDataSource(builder.Configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set")));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ArchiveOptions>>().Value);
        services.AddSingleton(sp =>
        {
            var store = new BlobStore(sp.GetRequiredService<ArchiveOptions>().BlobRoot);
            store.RemoveAbandonedTemporaries(TimeSpan.FromMinutes(10));
            return store;
        });
        services.AddArchiveIngest();
        services.AddSingleton<IArchiveReader, ArchiveReader>();
        services.AddSingleton<PeerStore>();
        services.AddSingleton(sp => new PeerDirectory(sp.GetRequiredService<PeerStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<DicomNodeOptions>>().Value.PeerCacheDuration));
        services.AddSingleton<CloudFilm.Archive.Retrieval.RetrieveJobStore>();
        services.AddSingleton<IngestSignals>();
        services.AddSingleton<IngestStoreHandler>();
        services.AddSingleton<IndexQueries>();
        services.AddSingleton<Query.IndexFindHandler>();
        services.AddSingleton<Query.IndexRetrieveHandler>();
        services.AddSingleton<MoveDestinations>();
        services.AddSingleton(sp => new DicomServiceHandlers
        {
            Store = sp.GetRequiredService<IngestStoreHandler>(),
            Find = sp.GetRequiredService<Query.IndexFindHandler>(),
            Move = sp.GetRequiredService<Query.IndexRetrieveHandler>(),
            Get = sp.GetRequiredService<Query.IndexRetrieveHandler>(),
        });
        services.AddSingleton<DicomServerService>();
        services.AddHostedService(sp => sp.GetRequiredService<DicomServerService>());
        services.AddOptions<Retrieval.PacsOptions>().BindConfiguration(Retrieval.PacsOptions.Section);
        services.AddSingleton<Retrieval.RetrieveJobWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<Retrieval.RetrieveJobWorker>());
        services.AddOptions<AiPush.AiPushOptions>().BindConfiguration(AiPush.AiPushOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AiPush.AiPushOptions>, AiPush.AiPushOptionsValidator>();
        services.AddHttpClient(AiPush.ExamPushWorker.HttpClientName);
        services.AddSingleton<AiPush.ExamPushWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AiPush.ExamPushWorker>());
        services.AddSingleton<CompressionWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<CompressionWorker>());
        services.AddSingleton<OrphanBlobRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<OrphanBlobRecovery>());
        return builder;
    }

    /// <summary>Tells study grains about arrivals through <typeparamref name="TTarget"/> (the cluster in production).</summary>
    public static IHostApplicationBuilder AddStudyNotifications<TTarget>(this IHostApplicationBuilder builder)
        where TTarget : class, IStudyArrivalTarget
    {
        builder.Services.AddSingleton<IStudyArrivalTarget, TTarget>();
        builder.Services.AddSingleton<StudyArrivalNotifier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StudyArrivalNotifier>());
        return builder;
    }

    /// <summary>
    /// The node runs the same few index statements for every instance: unless the connection string says otherwise,
    /// statements used twice are prepared on the connection, so PostgreSQL parses and plans them once.
    /// </summary>
    internal static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        return builder.Build();
    }
}
