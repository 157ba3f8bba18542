using CloudFilm.Api.Security;
using CloudFilm.Archive.Reading;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.DicomAdministration;

/// <summary><c>/api/v1/studies/{key}/images</c>: what the archive holds for an order: its DICOM studies, series and instances.</summary>
public static class StudyImagesApi
{
    public static RouteGroupBuilder MapStudyImagesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/studies/{key}/images", GetAsync).WithTags("DICOM").RequireStaff()
            .WithName("GetStudyImages").WithSummary("The archived DICOM studies of an order, with series and instances (empty when none arrived yet).");
        return api;
    }

    public sealed record StudyImages(string StudyKey, IReadOnlyList<ArchivedStudyImages> Studies);

    public sealed record ArchivedStudyImages(ArchivedStudy Study, IReadOnlyList<ArchivedSeries> Series);

    private static async Task<Ok<StudyImages>> GetAsync(string key, IArchiveReader archive, CancellationToken cancellationToken)
    {
        var studies = new List<ArchivedStudyImages>();
        foreach (var study in await archive.FindByAccessionAsync(key, cancellationToken))
        {
            studies.Add(new ArchivedStudyImages(study, await archive.ListSeriesAsync(study.StudyInstanceUid, cancellationToken)));
        }
        return TypedResults.Ok(new StudyImages(key, studies));
    }
}
