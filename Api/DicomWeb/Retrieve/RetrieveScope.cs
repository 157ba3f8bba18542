using CloudFilm.Api.DicomWeb.Access;
using CloudFilm.Api.DicomWeb.Http;
using CloudFilm.Api.Problems;
using Microsoft.Net.Http.Headers;

namespace CloudFilm.Api.DicomWeb.Retrieve;

/// <summary>
/// The stored instances one retrieve request may answer with, after the access decision: a study the caller may not
/// see is answered as absent; a de-identified caller never gets instances whose pixels may show names.
/// </summary>
public sealed record RetrieveScope(IReadOnlyList<StoredInstance> Instances, DicomWebCaller Caller)
{
    /// <summary>The instances, or the problem to answer (404 for a study, series or instance the caller cannot reach).</summary>
    public static async Task<(RetrieveScope? Scope, IResult? Problem)> ResolveAsync(HttpContext http, IRetrieveQueries queries, string study,
        string? series, string? instance, CancellationToken cancellationToken)
    {
        var caller = http.DicomWebCaller();
        if (!caller.MaySee(study))
        {
            return (null, ProblemCatalogue.DicomStudyNotFound.Answer(study));
        }
        var found = await queries.FindAsync(study, series, instance, cancellationToken);
        if (found.Count == 0)
        {
            return (null, series is null && instance is null
                ? ProblemCatalogue.DicomStudyNotFound.Answer(study)
                : ProblemCatalogue.DicomInstanceNotFound.Answer(study));
        }
        if (caller.Deidentify)
        {
            found = [.. found.Where(i => !i.MayShowTextInPixels)];
            if (found.Count == 0)
            {
                return (null, ProblemCatalogue.ImageHiddenWhenDeidentified.Answer());
            }
        }
        return (new RetrieveScope(found, caller), null);
    }

    /// <summary>The strong entity tag of a representation of these instances: their stored copies, then what was asked.</summary>
    public EntityTagHeaderValue Tag(params string[] variant) =>
        ConditionalGet.Tag(Instances.Select(i => i.Identity).Concat(variant).Append(Caller.Deidentify ? "deidentified" : "as-stored"));

    /// <summary>When the newest of these instances was stored.</summary>
    public DateTimeOffset LastModified => Instances.Max(i => i.ReceivedAt);

    /// <summary>Sets the caching headers; true when the client's copy is current (answer 304).</summary>
    public bool IsNotModified(HttpContext http, params string[] variant) => ConditionalGet.IsNotModified(http, Tag(variant), LastModified);
}
