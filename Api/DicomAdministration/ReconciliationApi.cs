using CloudFilm.Api.DicomAdministration.Queries;
using CloudFilm.Api.Hosting;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using CloudFilm.Archive.Reconciliation;
using CloudFilm.Grains.Abstractions.Studies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.DicomAdministration;

/// <summary>
/// <c>/api/v1/reconciliation</c>: DICOM studies whose accession number matched no registered order, or matched an
/// order of another patient (by patient id + issuer), read through <see cref="IUnmatchedStudyQueries"/>. Staff link each
/// to the order it belongs to (<see cref="StudyLink"/>: the front node then tells that order's StudyGrain), or merge it
/// into the DICOM study its images belong to (<see cref="StudyMerge"/>).
/// </summary>
public static class ReconciliationApi
{
    public static RouteGroupBuilder MapReconciliationApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reconciliation").WithTags("DICOM").RequireStaff("supervisor", "admin");
        group.MapGet("/", ListAsync).WithName("ListUnmatchedStudies").WithSummary("DICOM studies waiting to be matched to an order, newest first.");
        group.MapPost("/{studyInstanceUid}/match", MatchAsync).WithName("MatchStudy")
            .WithSummary("Link a DICOM study to a registered order (study key).")
            .Accepts<MatchRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{studyInstanceUid}/merge", MergeAsync).WithName("MergeStudy")
            .WithSummary("Move every series and instance of a DICOM study waiting in reconciliation into another DICOM study.")
            .Accepts<MergeRequest>("application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public sealed record MatchRequest(string? StudyKey);

    /// <param name="CorrectPatient">The target belongs to another patient and the source's identity is to be corrected to it.</param>
    public sealed record MergeRequest(string? IntoStudyInstanceUid, bool? CorrectPatient);

    public sealed record MergeResponse(string StudyInstanceUid, string IntoStudyInstanceUid, int SeriesMoved, int InstancesMoved, string Reason, long MergeId);

    private static async Task<Ok<IReadOnlyList<UnmatchedStudy>>> ListAsync(IUnmatchedStudyQueries queries, int? limit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(Math.Clamp(limit ?? 100, 1, 1000), cancellationToken));

    private static async Task<Results<Accepted, ProblemHttpResult>> MatchAsync(
        string studyInstanceUid, HttpRequest request, StudyLink link, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<MatchRequest>(request, ApiJson.Options, cancellationToken);
        var studyKey = body?.StudyKey?.Trim();
        if (string.IsNullOrEmpty(studyKey))
        {
            throw RequestValidationException.For("studyKey", "The key (accession number) of the registered study these images belong to.");
        }
        if (await cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(studyKey)).GetAsync() is null)
        {
            return ProblemCatalogue.StudyNotFound.Answer(studyKey);
        }
        if (!await link.LinkAsync(studyInstanceUid, studyKey, request.HttpContext.Actor(), cancellationToken))
        {
            return ProblemCatalogue.DicomStudyNotFound.Answer(studyInstanceUid);
        }
        return TypedResults.Accepted($"/api/v1/studies/{Uri.EscapeDataString(studyKey)}/images");
    }

    private static async Task<Results<Ok<MergeResponse>, ProblemHttpResult>> MergeAsync(
        string studyInstanceUid, HttpRequest request, StudyMerge merge, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<MergeRequest>(request, ApiJson.Options, cancellationToken);
        var into = body?.IntoStudyInstanceUid?.Trim();
        if (string.IsNullOrEmpty(into))
        {
            throw RequestValidationException.For("intoStudyInstanceUid", "The Study Instance UID of the DICOM study these images belong to.");
        }
        var result = await merge.MergeAsync(
            new StudyMergeRequest(studyInstanceUid, into, body!.CorrectPatient ?? false, request.HttpContext.Actor()), cancellationToken);
        return result.Outcome switch
        {
            StudyMergeOutcome.Merged => TypedResults.Ok(new MergeResponse(studyInstanceUid, into, result.SeriesMoved, result.InstancesMoved, result.Reason, result.MergeId)),
            _ => DomainProblems.For(result, studyInstanceUid, into),
        };
    }
}
