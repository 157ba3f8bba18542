using CloudFilm.Api.Problems;
using CloudFilm.Grains.Abstractions.Dispatch;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.Dispatch;

/// <summary>Maps dispatch outcomes and validation results to HTTP answers, in one place.</summary>
public static class DispatchErrors
{
    public static void ThrowIfAny(IReadOnlyDictionary<string, string> errors)
    {
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }
    }

    public static void Require(Dictionary<string, string[]> errors, string field, bool ok, string message)
    {
        if (!ok)
        {
            errors[field] = [message];
        }
    }

    public static Results<NoContent, ProblemHttpResult> ToResult(DispatchActionOutcome outcome) => outcome switch
    {
        DispatchActionOutcome.Done => TypedResults.NoContent(),
        DispatchActionOutcome.UnknownTask => TypedResults.Problem(title: "No such open task.", statusCode: StatusCodes.Status404NotFound),
        DispatchActionOutcome.UnknownStation => TypedResults.Problem(title: "No such workstation.", statusCode: StatusCodes.Status404NotFound),
        DispatchActionOutcome.NotYourTask => TypedResults.Problem(title: "The task is assigned to another reader.", statusCode: StatusCodes.Status403Forbidden),
        DispatchActionOutcome.StationUnavailable => TypedResults.Problem(title: "The workstation is disabled or nobody is on duty there now.",
            statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.Problem(title: "The task is not in a state that allows this.", statusCode: StatusCodes.Status409Conflict),
    };
}
