using Microsoft.Net.Http.Headers;

namespace CloudFilm.Api.DicomWeb.Http;

/// <summary>One media range of an <c>Accept</c> header as PS3.18 8.7.3 uses it: the media type, the multipart <c>type</c> parameter, <c>transfer-syntax</c>, and q.</summary>
/// <param name="MediaType">e.g. <c>multipart/related</c>, <c>application/dicom</c>, <c>*/*</c> (lower case).</param>
/// <param name="Type">The <c>type</c> parameter of a multipart range (lower case), or null.</param>
/// <param name="TransferSyntax">The <c>transfer-syntax</c> parameter, <c>*</c>, or null when absent.</param>
public sealed record AcceptedMediaRange(string MediaType, string? Type, string? TransferSyntax, double Quality)
{
    /// <summary>The media type a part must have: the multipart <c>type</c>, or the range itself for a single-part range.</summary>
    public string PartType => MediaType == DicomMediaTypes.MultipartRelated ? Type ?? "*/*" : MediaType;

    /// <summary>Whether this range allows a part of <paramref name="mediaType"/> (wildcards allowed on the range's side).</summary>
    public bool AllowsPart(string mediaType) => PartType switch
    {
        "*/*" or "*" => true,
        var t when t.EndsWith("/*", StringComparison.Ordinal) => mediaType.StartsWith(t[..^1], StringComparison.Ordinal),
        var t => t == mediaType,
    };
}

/// <summary>Reads the <c>Accept</c> header into media ranges, best first (q descending, then as written); q=0 ranges dropped.</summary>
public static class AcceptHeader
{
    public static IReadOnlyList<AcceptedMediaRange> Read(HttpRequest request)
    {
        var ranges = new List<(AcceptedMediaRange Range, int Order)>();
        if (!MediaTypeHeaderValue.TryParseList([.. request.Headers.Accept.OfType<string>()], out var parsed) || parsed.Count == 0)
        {
            return [new AcceptedMediaRange("*/*", null, null, 1)];
        }
        foreach (var value in parsed)
        {
            string? type = null, syntax = null;
            foreach (var parameter in value.Parameters)
            {
                var name = parameter.Name.Value?.ToLowerInvariant();
                var text = HeaderUtilities.RemoveQuotes(parameter.Value).Value;
                if (name == "type")
                {
                    type = text?.ToLowerInvariant();
                }
                else if (name == "transfer-syntax")
                {
                    syntax = text;
                }
            }
            var quality = value.Quality ?? 1;
            if (quality > 0)
            {
                ranges.Add((new AcceptedMediaRange(value.MediaType.Value!.ToLowerInvariant(), type, syntax, quality), ranges.Count));
            }
        }
        return [.. ranges.OrderByDescending(r => r.Range.Quality).ThenBy(r => r.Order).Select(r => r.Range)];
    }
}
