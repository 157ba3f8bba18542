using System.Buffers;
using CloudFilm.Api.DicomWeb.Access;
using CloudFilm.Api.DicomWeb.Http;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Json;
using CloudFilm.Dicom.Xml;
using Microsoft.Net.Http.Headers;

namespace CloudFilm.Api.DicomWeb.Query;

/// <summary>The media type a QIDO-RS answer is written in.</summary>
public enum QidoFormat
{
    /// <summary><c>application/dicom+json</c> (the default, and for <c>*/*</c>).</summary>
    DicomJson,

    /// <summary><c>application/json</c> when that is what was asked for: the same DICOM JSON.</summary>
    Json,

    /// <summary><c>multipart/related; type="application/dicom+xml"</c>: one PS3.19 Native DICOM Model document per result.</summary>
    DicomXml,
}

/// <summary>Chooses and writes the media type of a QIDO-RS answer (PS3.18 8.7.3, Table 8.7.3-2 for Search).</summary>
public static class QidoResponse
{

    /// <summary>The format for an Accept value (the most preferred acceptable one), or null when none can be answered (406).</summary>
    public static QidoFormat? Negotiate(string accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return QidoFormat.DicomJson;
        }
        if (!MediaTypeHeaderValue.TryParseList(accept.Split(','), out var ranges))
        {
            return null;
        }
        foreach (var range in ranges.Where(r => (r.Quality ?? 1) > 0).OrderByDescending(r => r.Quality ?? 1))
        {
            var type = range.MediaType.Value?.ToLowerInvariant();
            var part = range.Parameters.FirstOrDefault(p => p.Name.Equals("type", StringComparison.OrdinalIgnoreCase))?.Value.Value?.Trim('"');
            QidoFormat? format = type switch
            {
                DicomMediaTypes.DicomJson or "*/*" or "application/*" => QidoFormat.DicomJson,
                "application/json" => QidoFormat.Json,
                DicomMediaTypes.MultipartRelated or "multipart/*" when part is null || part.Equals(DicomMediaTypes.DicomXml, StringComparison.OrdinalIgnoreCase)
                    => QidoFormat.DicomXml,
                _ => null,
            };
            if (format is not null)
            {
                return format;
            }
        }
        return null;
    }

    /// <summary>Writes the results as they are produced (never all in memory); 200.</summary>
    public static async Task WriteAsync(HttpResponse response, QidoFormat format, IEnumerable<DicomDataset> results, bool deidentify,
        CancellationToken cancellationToken)
    {
        if (deidentify)
        {
            results = results.Select(DicomWebDeidentification.Apply);
        }
        if (format == QidoFormat.DicomXml)
        {
            var multipart = new MultipartRelatedWriter(response, DicomMediaTypes.DicomXml);
            await multipart.StartAsync();
            foreach (var result in results)
            {
                await multipart.WritePartAsync(DicomMediaTypes.DicomXml + "; charset=utf-8",
                    (body, ct) => DicomXmlWriter.WriteAsync(body, result, cancellationToken: ct), cancellationToken);
            }
            await multipart.EndAsync(cancellationToken);
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = format == QidoFormat.Json ? "application/json" : DicomMediaTypes.DicomJson;
        await using var array = new DicomJsonArrayWriter(response.BodyWriter);
        foreach (var result in results)
        {
            await array.WriteAsync(result, cancellationToken);
        }
        await array.CompleteAsync(cancellationToken);
    }
}
