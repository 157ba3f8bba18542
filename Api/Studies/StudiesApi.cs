using CloudFilm.Api.Hosting;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Realtime;
using CloudFilm.Api.Security;
using CloudFilm.Grains.Abstractions.Studies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;

namespace CloudFilm.Api.Studies;

/// <summary><c>/api/v1/studies</c>: registration of examination orders and reading one study.</summary>
public static class StudiesApi
{
    public static RouteGroupBuilder MapStudiesApi(this RouteGroupBuilder api)
    {
        var studies = api.MapGroup("/studies").WithTags("Studies").RequireSystemKey();

        studies.MapPost("/", RegisterAsync)
            .WithName("RegisterStudy")
            .WithSummary("Register an examination order for a patient (idempotent per accession number).")
            .Accepts<RegisterStudyRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        studies.MapGet("/{key}", GetAsync)
            .WithName("GetStudy")
            .WithSummary("One study by its key (the accession number).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static async Task<Results<Created<StudyResponse>, Ok<StudyResponse>, ProblemHttpResult>> RegisterAsync(
        HttpRequest request, IClusterClient cluster, IHubContext<EventsHub> hub, TimeProvider clock, ILogger<RegisterStudyRequest> logger,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RegisterStudyRequest>(request, ApiJson.Options, cancellationToken);
        var registration = RegisterStudyValidator.Validate(body, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        var studyKey = StudyKeys.OfAccession(registration.Order.AccessionNumber);

        var result = await cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(studyKey)).RegisterAsync(registration);
        var response = StudyResponse.From(result.Study);
        logger.LogInformation("Study {StudyKey} registration: {Outcome}", studyKey, result.Outcome);
        switch (result.Outcome)
        {
            case RegistrationOutcome.Created:
                await hub.Clients.All.SendAsync(EventsHub.StudyRegistered, new { studyKey, result.Study.Order.Campus, result.Study.Order.Modality }, cancellationToken);
                return TypedResults.Created($"/api/v1/studies/{Uri.EscapeDataString(studyKey)}", response);
            case RegistrationOutcome.ConflictingPatient:
                return ProblemCatalogue.AccessionOfAnotherPatient.Answer(studyKey, result.Study.Patient.PatientKey);
            default:
                return TypedResults.Ok(response);
        }
    }

    private static async Task<Results<Ok<StudyResponse>, ProblemHttpResult>> GetAsync(string key, IClusterClient cluster)
    {
        var grain = cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(key));
        var study = await grain.GetAsync();
        return study is null
            ? ProblemCatalogue.StudyNotFound.Answer(key)
            : TypedResults.Ok(StudyResponse.From(study, await grain.GetImagesAsync()));
    }
}
