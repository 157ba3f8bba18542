using Microsoft.Net.Http.Headers;

namespace CloudFilm.Api.Problems;

/// <summary>The language of a problem's <c>title</c> and <c>detail</c>.</summary>
public enum ProblemLanguage
{
    Zh = 0,
    En = 1,
}

public static class ProblemLanguages
{
    /// <summary>
    /// The language an <c>Accept-Language</c> header asks for (RFC 9110 12.5.4): the most preferred of Chinese
    /// (<c>zh</c>, <c>zh-CN</c>, <c>zh-Hans</c>, any <c>zh-*</c>) and English (<c>en</c>, <c>en-*</c>) by q-value, the
    /// earlier on a tie; Chinese when the header names neither, is missing or cannot be read.
    /// </summary>
    public static ProblemLanguage FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || !StringWithQualityHeaderValue.TryParseList([header], out var ranges))
        {
            return ProblemLanguage.Zh;
        }
        var best = ranges
            .Select((range, order) => (Language: Match(range.Value.Value), Quality: range.Quality ?? 1, Order: order))
            .Where(r => r.Language is not null && r.Quality > 0)
            .OrderByDescending(r => r.Quality).ThenBy(r => r.Order)
            .FirstOrDefault();
        return best.Language ?? ProblemLanguage.Zh;
    }

    public static ProblemLanguage Of(HttpContext http) => FromAcceptLanguage(http.Request.Headers.AcceptLanguage.ToString());

    private static ProblemLanguage? Match(string? range)
    {
        var primary = range?.Split('-')[0];
        return primary?.ToLowerInvariant() switch
        {
            "zh" or "*" => ProblemLanguage.Zh,
            "en" => ProblemLanguage.En,
            _ => null,
        };
    }
}
