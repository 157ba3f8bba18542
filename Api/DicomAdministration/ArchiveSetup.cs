using CloudFilm.Api.DicomAdministration.Queries;
using CloudFilm.Archive.Measurements;
using CloudFilm.Archive.Peers;
using CloudFilm.Archive.Query;
using CloudFilm.Archive.Reconciliation;
using CloudFilm.Archive.Retrieval;

namespace CloudFilm.Api.DicomAdministration;

public static class ArchiveSetup
{
    /// <summary>
    /// The DICOM administration the Api serves (peers, reconciliation, measurements, PACS pulls, AI push log). The
    /// archive itself (options, blob store, <c>IArchiveReader</c>) is registered by <c>AddCloudFilmArchiveReading</c>.
    /// </summary>
    public static IServiceCollection AddCloudFilmDicomServices(this IServiceCollection services)
    {
        services.AddSingleton<IndexQueries>();
        services.AddSingleton<PeerStore>();
        services.AddSingleton<MeasurementStore>();
        services.AddSingleton<RetrieveJobStore>();
        services.AddSingleton<StudyMerge>();
        services.AddSingleton<StudyLink>();
        services.AddSingleton<IUnmatchedStudyQueries, UnmatchedStudyQueries>();
        services.AddSingleton<IAiPushDeliveryQueries, AiPushDeliveryQueries>();
        return services;
    }
}
