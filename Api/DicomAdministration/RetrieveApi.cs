using CloudFilm.Api.Hosting;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using CloudFilm.Archive.Retrieval;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.DicomAdministration;

/// <summary>
/// <c>/api/v1/dicom/retrieve</c>: pull studies from the existing PACS by accession number or patient id, one job per
/// value (a list makes a historical migration). Jobs run on the DICOM front nodes, resume after a restart, and report
/// their progress here.
/// </summary>
public static class RetrieveApi
{
    public const int MaxValuesPerRequest = 1000;

    public static RouteGroupBuilder MapRetrieveApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/dicom/retrieve").WithTags("DICOM").RequireStaff("admin", "supervisor");
        group.MapPost("/", QueueAsync).WithName("RetrieveFromPacs")
            .WithSummary("Queue pulls from the PACS: accessionNumbers and/or patientIds, one job each.")
            .Accepts<RetrieveRequest>("application/json").ProducesValidationProblem();
        group.MapGet("/", ListAsync).WithName("ListRetrieveJobs").WithSummary("Pull jobs, newest first, optionally by status.");
        group.MapGet("/{id:long}", GetAsync).WithName("GetRetrieveJob").WithSummary("One pull job and its progress.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public sealed record RetrieveRequest(string? Pacs, string[]? AccessionNumbers, string[]? PatientIds);

    private static async Task<Accepted<IReadOnlyList<RetrieveJob>>> QueueAsync(
        HttpRequest request, RetrieveJobStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RetrieveRequest>(request, ApiJson.Options, cancellationToken);
        var accessions = Clean(body?.AccessionNumbers);
        var patients = Clean(body?.PatientIds);
        var errors = new RequestErrors();
        if (accessions.Length + patients.Length == 0)
        {
            errors.Add("accessionNumbers", "Give at least one accession number or patient id.");
        }
        if (accessions.Length + patients.Length > MaxValuesPerRequest)
        {
            errors.Add("accessionNumbers", $"At most {MaxValuesPerRequest} values per request; send a migration in several requests.");
        }
        if (accessions.Concat(patients).Any(v => v.Length > 64 || v.Contains('\\') || v.Contains('*') || v.Contains('?')))
        {
            errors.Add("patientIds", "Values are at most 64 characters, without wildcards or backslashes.");
        }
        errors.ThrowIfAny();
        var jobs = new List<RetrieveJob>();
        var actor = request.HttpContext.Actor();
        foreach (var (key, value) in accessions.Select(a => ("accession", a)).Concat(patients.Select(p => ("patient-id", p))))
        {
            jobs.Add(await store.QueueAsync(body!.Pacs?.Trim() ?? "", key, value, actor, clock.GetUtcNow(), cancellationToken));
        }
        return TypedResults.Accepted("/api/v1/dicom/retrieve", (IReadOnlyList<RetrieveJob>)jobs);
    }

    private static async Task<Ok<IReadOnlyList<RetrieveJob>>> ListAsync(RetrieveJobStore store, string? status, int? limit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(status, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken));

    private static async Task<Results<Ok<RetrieveJob>, ProblemHttpResult>> GetAsync(long id, RetrieveJobStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } job
            ? TypedResults.Ok(job)
            : ProblemCatalogue.RetrieveJobNotFound.Answer(id);

    private static string[] Clean(string[]? values) =>
        values is null ? [] : [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal)];
}
