namespace CloudFilm.Api.Problems;

/// <summary>
/// Collects what is wrong with a request, field by field (JSON paths such as <c>patient.birthDate</c> or
/// <c>rooms[0].name</c>), so that every mistake is reported at once; <see cref="ThrowIfAny()"/> then answers them as
/// one 400 <c>invalid-request</c> problem. The one way an endpoint or request validator checks its input.
/// </summary>
public sealed class RequestErrors
{
    private readonly Dictionary<string, string[]> _errors = [];

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Records that <paramref name="field"/> is wrong (a later message for the same field replaces it).</summary>
    public void Add(string field, string message) => _errors[field] = [message];

    /// <summary>Records <paramref name="message"/> for <paramref name="field"/> unless <paramref name="ok"/>.</summary>
    public void Require(string field, bool ok, string message)
    {
        if (!ok)
        {
            Add(field, message);
        }
    }

    /// <summary>The paging of a list: <c>limit</c> from 1 to <paramref name="maxLimit"/>, <c>offset</c> not negative.</summary>
    public void RequirePage(int limit, int offset, int maxLimit = 500)
    {
        Require("limit", limit >= 1 && limit <= maxLimit, $"Must be between 1 and {maxLimit}.");
        Require("offset", offset >= 0, "Must not be negative.");
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new RequestValidationException(new Dictionary<string, string[]>(_errors));
        }
    }

    /// <summary>Answers the field errors a domain validator returned (e.g. a dispatch configuration's), if any.</summary>
    public static void ThrowIfAny(IReadOnlyDictionary<string, string> fieldErrors)
    {
        if (fieldErrors.Count > 0)
        {
            throw new RequestValidationException(fieldErrors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }
    }
}
