using System.Net;
using System.Text;

namespace CloudFilm.Api.Problems;

/// <summary>
/// Makes every problem's <c>type</c> dereferenceable (RFC 9457 3.1.1): <c>GET /problems/{code}</c> describes the kind
/// in Chinese and English; <c>GET /problems</c> lists the catalogue as JSON.
/// </summary>
public static class ProblemTypesApi
{
    public sealed record ProblemTypeDescription(string Type, string Code, int Status, BilingualText Title);

    public static WebApplication MapProblemTypes(this WebApplication app)
    {
        app.MapGet("/problems", () => TypedResults.Ok(ProblemCatalogue.All.Select(Describe)))
            .WithTags("Problems").WithName("ListProblemTypes").WithSummary("Every kind of refusal: type, code, status, title in Chinese and English.");
        app.MapGet(ProblemType.TypeRoot + "{code}", (string code) => ProblemCatalogue.Find(code) is { } kind
                ? Results.Content(Page(kind), "text/html; charset=utf-8")
                : ProblemCatalogue.NotFound.Answer())
            .ExcludeFromDescription();
        return app;
    }

    private static ProblemTypeDescription Describe(ProblemType kind) => new(kind.Type, kind.Code, kind.Status, kind.Title);

    private static string Page(ProblemType kind)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder();
        html.Append($"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{E(kind.Code)}</title></head><body>");
        html.Append($"<h1><code>{E(kind.Code)}</code> · HTTP {kind.Status}</h1>");
        html.Append($"<p lang=\"zh-CN\">{E(kind.Title.Zh)}</p><p lang=\"en\">{E(kind.Title.En)}</p>");
        if (kind.Members is { Count: > 0 } members)
        {
            html.Append("<p>").Append(E(string.Join(", ", members.Select(m => $"{m.Key}: {m.Value}")))).Append("</p>");
        }
        html.Append("<p><a href=\"/problems\">/problems</a></p></body></html>");
        return html.ToString();
    }
}
