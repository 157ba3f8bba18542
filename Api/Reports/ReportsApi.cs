using CloudFilm.Api.Hosting;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using CloudFilm.Grains.Abstractions.Reports;
using CloudFilm.Grains.Abstractions.Studies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.Reports;

/// <summary><c>/api/v1/studies/{key}/reports</c>: report intake from external systems and the report's history.</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/studies/{key}/reports").WithTags("Reports").RequireSystemKey();

        reports.MapPost("/", SubmitAsync)
            .WithName("SubmitReport")
            .WithSummary("Submit a report version (preliminary, final or amended). A study nobody registered is created as unmatched.")
            .Accepts<SubmitReportRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);

        reports.MapGet("/", HistoryAsync).WithName("GetReportHistory").WithSummary("Every version of the study's report, oldest first.");

        reports.MapGet("/{version:int}/pdf", PdfAsync).WithName("GetReportPdf").WithSummary("The PDF sent with a report version.");
        return api;
    }

    private static async Task<Results<Created<ReportResponse>, Ok<ReportResponse>, ProblemHttpResult>> SubmitAsync(
        string key, HttpRequest request, ReportIntake intake, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<SubmitReportRequest>(request, ApiJson.Options, cancellationToken);
        var result = await intake.SubmitAsync(key, body, request.HttpContext.CallingSystem(), cancellationToken);
        var response = new ReportResponse(key, result.Outcome, result.Version, result.BecamePublishable);
        return result.Outcome switch
        {
            ReportOutcome.Accepted => TypedResults.Created($"/api/v1/studies/{Uri.EscapeDataString(key)}/reports/{result.Version}", response),
            ReportOutcome.Duplicate => TypedResults.Ok(response),
            _ => DomainProblems.For(result.Outcome).Explained(result.Reason!),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<ReportVersionResponse>>, ProblemHttpResult>> HistoryAsync(string key, IClusterClient cluster)
    {
        var history = await cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(key)).GetReportHistoryAsync();
        return history.Count == 0
            ? ProblemCatalogue.ReportNotFound.Answer(key)
            : TypedResults.Ok<IReadOnlyList<ReportVersionResponse>>([.. history.Select(ReportVersionResponse.From)]);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(
        string key, int version, IClusterClient cluster, ReportDocuments documents, CancellationToken cancellationToken)
    {
        var history = await cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(key)).GetReportHistoryAsync();
        var sha = history.FirstOrDefault(v => v.Version == version)?.Content.PdfSha256;
        var pdf = sha is null ? null : await documents.ReadAsync(sha, cancellationToken);
        return pdf is null
            ? ProblemCatalogue.ReportPdfNotFound.Answer(version, key)
            : TypedResults.File(pdf, "application/pdf", $"report-{key}-v{version}.pdf");
    }
}

public sealed record ReportResponse(string StudyKey, ReportOutcome Outcome, int? Version, bool Published);

public sealed record ReportVersionResponse(
    int Version, ReportStatus Status, string SourceSystem, DateTimeOffset ReceivedAt, string ExamItem, string? ExamType, DateTimeOffset? ExamTime,
    string Findings, string Impression, string? Advice, string ReportingDoctor, string? ReviewingDoctor, DateTimeOffset ReportedAt,
    DateTimeOffset? ReviewedAt, bool HasPdf, long? PdfLength)
{
    public static ReportVersionResponse From(ReportVersion v) => new(
        v.Version, v.Content.Status, v.SourceSystem, v.ReceivedAt, v.Content.ExamItem, v.Content.ExamType, v.Content.ExamTime,
        v.Content.Findings, v.Content.Impression, v.Content.Advice, v.Content.ReportingDoctor, v.Content.ReviewingDoctor,
        v.Content.ReportedAt, v.Content.ReviewedAt, v.Content.PdfSha256 is not null, v.Content.PdfLength);
}
