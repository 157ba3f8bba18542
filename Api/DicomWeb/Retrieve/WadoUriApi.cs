using System.Globalization;
using CloudFilm.Api.DicomWeb.Access;
using CloudFilm.Api.DicomWeb.Http;
using CloudFilm.Api.Imaging;
using CloudFilm.Api.Problems;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Api.DicomWeb.Retrieve;

/// <summary>
/// WADO-URI (PS3.18 Chapter 9, "URI Service"): <c>GET /wado?requestType=WADO&amp;studyUID=&amp;seriesUID=&amp;objectUID=</c>
/// with <c>contentType</c> <c>application/dicom</c> (one Part 10 file, <c>transferSyntax</c>, <c>anonymize=yes</c>) or
/// <c>image/jpeg</c> / <c>image/png</c> (<c>frameNumber</c>, <c>rows</c>, <c>columns</c>, <c>windowCenter</c>,
/// <c>windowWidth</c>, <c>imageQuality</c>), over the same access decision, instances and renderer as WADO-RS.
/// </summary>
public static class WadoUriApi
{
    public const string Path = "/wado";

    public static WebApplication MapWadoUri(this WebApplication app)
    {
        app.MapGet(Path, RetrieveAsync).WithTags("DICOMweb").RequireDicomWebCaller().WithName("WadoUri")
            .WithSummary("WADO-URI: one instance as application/dicom, or one frame as image/jpeg or image/png.");
        return app;
    }

    private static async Task<IResult> RetrieveAsync(HttpContext http, IRetrieveQueries queries, StoredInstances stored, RenderedFrameCache cache,
        CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var errors = new RequestErrors();
        errors.Require("requestType", query["requestType"] == "WADO", "Must be WADO.");
        foreach (var uid in new[] { "studyUID", "seriesUID", "objectUID" })
        {
            errors.Require(uid, !string.IsNullOrWhiteSpace(query[uid]), "Required.");
        }
        errors.ThrowIfAny();
        var contentTypes = ((string?)query["contentType"] ?? DicomMediaTypes.Jpeg).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split(';')[0].Trim().ToLowerInvariant());
        var contentType = contentTypes.FirstOrDefault(t => t is DicomMediaTypes.Dicom or DicomMediaTypes.Jpeg or DicomMediaTypes.Png or "*/*" or "image/*");
        if (contentType is null)
        {
            return ProblemCatalogue.NotAcceptable.Answer((string?)query["contentType"]);
        }
        var anonymize = string.Equals(query["anonymize"], "yes", StringComparison.OrdinalIgnoreCase);
        var (scope, problem) = await RetrieveScope.ResolveAsync(http, queries, query["studyUID"]!, query["seriesUID"]!, query["objectUID"]!, cancellationToken);
        if (scope is null)
        {
            return problem!;
        }
        var instance = scope.Instances[0];
        return contentType == DicomMediaTypes.Dicom
            ? await DicomAsync(http, scope, stored, instance, (string?)query["transferSyntax"], anonymize, cancellationToken)
            : Image(http, scope, stored, cache, instance, contentType == DicomMediaTypes.Png ? DicomMediaTypes.Png : DicomMediaTypes.Jpeg);
    }

    private static async Task<IResult> DicomAsync(HttpContext http, RetrieveScope scope, StoredInstances stored, StoredInstance instance, string? transferSyntax,
        bool anonymize, CancellationToken cancellationToken)
    {
        var syntax = transferSyntax ?? DicomUids.ExplicitVRLittleEndian;
        if (syntax != "*" && syntax != instance.TransferSyntaxUid && !TransferSyntaxNegotiation.Producible.Contains(syntax))
        {
            return ProblemCatalogue.NotAcceptable.Answer("transferSyntax=" + syntax);
        }
        var deidentify = anonymize || scope.Caller.Deidentify;
        if (scope.IsNotModified(http, "wado-uri", syntax, deidentify ? "anonymized" : ""))
        {
            return ConditionalGet.NotModified();
        }
        if (await stored.PrepareAsync(instance, syntax == "*" ? null : syntax, deidentify, cancellationToken) is not { } part)
        {
            return ProblemCatalogue.DicomInstanceNotFound.Answer(instance.StudyInstanceUid);
        }
        return new StreamedResult(async response =>
        {
            response.ContentType = DicomMediaTypes.Dicom;
            await part.Write(response.Body, cancellationToken);
        });
    }

    private static IResult Image(HttpContext http, RetrieveScope scope, StoredInstances stored, RenderedFrameCache cache, StoredInstance instance, string mediaType)
    {
        var query = http.Request.Query;
        var errors = new RequestErrors();
        var frame = Whole(query["frameNumber"], "frameNumber", 1, errors) ?? 1;
        var rows = Whole(query["rows"], "rows", 1, errors);
        var columns = Whole(query["columns"], "columns", 1, errors);
        string? window = null;
        if (!string.IsNullOrEmpty(query["windowCenter"]) || !string.IsNullOrEmpty(query["windowWidth"]))
        {
            errors.Require("windowWidth", !string.IsNullOrEmpty(query["windowCenter"]) && !string.IsNullOrEmpty(query["windowWidth"]), "Give windowCenter and windowWidth together.");
            window = $"{query["windowCenter"]},{query["windowWidth"]}";
        }
        errors.ThrowIfAny();
        var viewport = rows is null && columns is null ? null : $"{columns ?? 8192},{rows ?? 8192}";
        var parameters = RenderParameters.Read([new AcceptedMediaRange(mediaType, null, null, 1)], window, viewport, query["imageQuality"], thumbnail: false)!;
        if (!instance.HasPixels)
        {
            return ProblemCatalogue.ImageNotFound.Answer();
        }
        if (frame > Math.Max(1, instance.NumberOfFrames))
        {
            return ProblemCatalogue.DicomFrameNotFound.Answer(frame, Math.Max(1, instance.NumberOfFrames));
        }
        if (scope.IsNotModified(http, "wado-uri-image", frame.ToString(CultureInfo.InvariantCulture), parameters.Variant))
        {
            return ConditionalGet.NotModified();
        }
        var encoded = WadoRsApi.Render(stored, cache, instance, frame - 1, parameters);
        return encoded is null ? ProblemCatalogue.ImageNotFound.Answer() : TypedResults.File(encoded, parameters.MediaType);
    }

    private static int? Whole(string? value, string field, int min, RequestErrors errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min)
        {
            errors.Add(field, $"Give a whole number from {min}.");
            return null;
        }
        return number;
    }
}
