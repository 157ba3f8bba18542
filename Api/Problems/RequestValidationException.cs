namespace CloudFilm.Api.Problems;

/// <summary>
/// The caller sent something we cannot accept. Carries the offending fields (JSON paths such as
/// <c>patient.birthDate</c>) with a message each; answered as 400 problem+json with an <c>errors</c> member.
/// </summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}
