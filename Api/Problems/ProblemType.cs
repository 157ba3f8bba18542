using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CloudFilm.Api.Problems;

/// <summary>
/// One kind of refusal (RFC 9457 problem type): a stable <see cref="Code"/> that clients compare, the
/// <see cref="Type"/> URI made from it, the HTTP status, and the title and detail in Chinese and English. The known
/// kinds are listed in <see cref="ProblemCatalogue"/>; an endpoint answers with one instead of writing its own text.
/// </summary>
/// <param name="Detail">A template whose <c>{0}</c>, <c>{1}</c>… the answer fills in, or null when the title says it all.</param>
/// <param name="Members">Extension members every problem of this kind carries (e.g. <c>state</c>, <c>refusal</c>, <c>field</c>).</param>
public sealed record ProblemType(
    string Code, int Status, BilingualText Title, BilingualText? Detail = null, IReadOnlyDictionary<string, object?>? Members = null)
{
    /// <summary>Problem types are relative URIs under this path; the Api answers each with its description.</summary>
    public const string TypeRoot = "/problems/";

    public string Type => TypeRoot + Code;

    /// <summary>The problem+json answer, its detail filled with <paramref name="values"/>.</summary>
    public ProblemHttpResult Answer(params object?[] values) => TypedResults.Problem(Details(values));

    /// <summary>
    /// The answer when the domain explained the refusal in its own (English) words: they are the English detail; the
    /// Chinese detail repeats the Chinese title, which for such kinds is specific enough to stand alone.
    /// </summary>
    public ProblemHttpResult Explained(string domainText) => TypedResults.Problem(ExplainedDetails(domainText));

    public CataloguedProblemDetails Details(params object?[] values) =>
        Create(Detail is null || (values.Length == 0 && Detail.En.Contains("{0}", StringComparison.Ordinal)) ? null : Detail.With(values));

    public CataloguedProblemDetails ExplainedDetails(string domainText) => Create(new BilingualText(Title.Zh, domainText));

    private CataloguedProblemDetails Create(BilingualText? detail)
    {
        var problem = new CataloguedProblemDetails(this, detail);
        problem.Extensions["code"] = Code;
        foreach (var (name, value) in Members ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }
        return problem;
    }
}

/// <summary>
/// A problem of a catalogued kind, holding its texts in both languages until it is written; then
/// <see cref="ProblemHandling"/> keeps the language the request asked for (<see cref="Localize"/>).
/// </summary>
public sealed class CataloguedProblemDetails : ProblemDetails
{
    public CataloguedProblemDetails(ProblemType kind, BilingualText? detail)
    {
        Kind = kind;
        DetailText = detail;
        Type = kind.Type;
        Status = kind.Status;
        Localize(ProblemLanguage.Zh);
    }

    [JsonIgnore]
    public ProblemType Kind { get; }

    [JsonIgnore]
    public BilingualText? DetailText { get; set; }

    public void Localize(ProblemLanguage language)
    {
        Title = Kind.Title.In(language);
        Detail = DetailText?.In(language);
    }
}

public static class ProblemResults
{
    /// <summary>Adds an extension member that depends on this occurrence (attempts left, seconds to wait).</summary>
    public static ProblemHttpResult With(this ProblemHttpResult result, string name, object? value)
    {
        result.ProblemDetails.Extensions[name] = value;
        return result;
    }
}
