using CloudFilm.Api.Problems;
using CloudFilm.Api.Patients.Queries;
using CloudFilm.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.Patients;

/// <summary><c>/api/v1/patients</c>: a patient's studies, read through <see cref="IPatientStudyQueries"/>.</summary>
public static class PatientsApi
{
    public static RouteGroupBuilder MapPatientsApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/patients").WithTags("Patients").RequireSystemKey()
            .MapGet("/{key}/studies", ListStudiesAsync)
            .WithName("ListPatientStudies")
            .WithSummary("A patient's studies, newest first. The key is \"{patient id}@{issuer}\".")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<Results<Ok<PatientStudiesResponse>, ProblemHttpResult>> ListStudiesAsync(
        string key, IPatientStudyQueries queries, CancellationToken cancellationToken, int limit = 50, int offset = 0)
    {
        var errors = new RequestErrors();
        errors.RequirePage(limit, offset);
        errors.ThrowIfAny();
        if (await queries.ListStudiesAsync(key, limit, offset, cancellationToken) is not { } studies)
        {
            return ProblemCatalogue.PatientNotFound.Answer(key);
        }
        return TypedResults.Ok(studies);
    }
}
