using System.Security.Cryptography;
using System.Text;

namespace CloudFilm.Api.DicomWeb.Http;

/// <summary>
/// Writes a <c>multipart/related</c> body (RFC 2387, as PS3.18 8.7.1 uses it) part by part straight to the response,
/// so a study's instances or frames are never held in memory together. Call <see cref="StartAsync"/> once, then
/// <see cref="WritePartAsync"/> per part, then <see cref="EndAsync"/>.
/// </summary>
public sealed class MultipartRelatedWriter(HttpResponse response, string type)
{
    private readonly string _boundary = "cloudfilm-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>The Content-Type of the whole body: <c>multipart/related; type="…"; boundary=…</c>.</summary>
    public string ContentType => $"{DicomMediaTypes.MultipartRelated}; type=\"{type}\"; boundary={_boundary}";

    public Task StartAsync(int statusCode = StatusCodes.Status200OK)
    {
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        return Task.CompletedTask;
    }

    /// <summary>Writes one part: its headers (Content-Type, and Content-Location when given), then the body <paramref name="write"/> produces.</summary>
    public async Task WritePartAsync(string contentType, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken,
        string? contentLocation = null)
    {
        var head = new StringBuilder().Append("\r\n--").Append(_boundary).Append("\r\nContent-Type: ").Append(contentType).Append("\r\n");
        if (contentLocation is not null)
        {
            head.Append("Content-Location: ").Append(contentLocation).Append("\r\n");
        }
        head.Append("\r\n");
        await response.Body.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
        await write(response.Body, cancellationToken);
    }

    public async Task EndAsync(CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.ASCII.GetBytes("\r\n--" + _boundary + "--\r\n"), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
