using CloudFilm.Api.Problems;
using CloudFilm.Grains.Abstractions.Dispatch;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.Dispatch;

/// <summary>Dispatch requests' field checks, and a dispatch outcome as an answer (its refusals as <see cref="DomainProblems"/> maps them).</summary>
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

    public static Results<NoContent, ProblemHttpResult> ToResult(DispatchActionOutcome outcome) =>
        outcome == DispatchActionOutcome.Done ? TypedResults.NoContent() : DomainProblems.For(outcome).Answer();
}
