using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace CloudFilm.Api.DicomWeb.Http;

/// <summary>
/// The one way a DICOMweb resource answers conditional GETs (RFC 9110 §13, RFC 9111): a strong <c>ETag</c> derived from
/// the identity of the stored copies behind the answer (and the variant asked for), <c>Last-Modified</c> from when they
/// were stored, <c>Cache-Control: private</c> (patient data), and 304 when <c>If-None-Match</c> (or, without it,
/// <c>If-Modified-Since</c>) says the client already holds this representation.
/// </summary>
public static class ConditionalGet
{
    /// <summary>How long a client may reuse an answer without asking again; stored instances change only by merge or replacement.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    /// <summary>A strong entity tag over the given parts (stored-copy identities, then the representation's variant).</summary>
    public static EntityTagHeaderValue Tag(IEnumerable<string> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part));
            hash.AppendData([0]);
        }
        return new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16)) + "\"");
    }

    /// <summary>
    /// Sets the validators and caching headers on the response, and answers whether the request's conditions show the
    /// client holds this representation already (then answer <see cref="NotModified"/>).
    /// </summary>
    public static bool IsNotModified(HttpContext http, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        // HTTP dates have whole seconds: compare at that resolution.
        var modified = new DateTimeOffset(lastModified.UtcTicks - lastModified.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        headers.LastModified = modified;
        headers.CacheControl = new CacheControlHeaderValue { Private = true, MaxAge = MaxAge };
        var request = http.Request.GetTypedHeaders();
        if (request.IfNoneMatch is { Count: > 0 } candidates)
        {
            return candidates.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(etag, useStrongComparison: false));
        }
        return request.IfModifiedSince is { } since && modified <= since;
    }

    /// <summary>The 304 answer (its headers were set by <see cref="IsNotModified"/>).</summary>
    public static IResult NotModified() => TypedResults.StatusCode(StatusCodes.Status304NotModified);
}
