using CloudFilm.Api.Imaging;
using CloudFilm.Api.Problems;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Imaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace CloudFilm.Api.Sharing;

/// <summary>
/// The images behind a share link: the study's series and server-rendered frames (JPEG), windowed on request, in
/// three sizes. Frames never change for a given instance, frame, size and window, so browsers keep them (privately:
/// they are patient data).
/// </summary>
public static class SharedImagesApi
{
    public static RouteGroupBuilder MapSharedImagesApi(this RouteGroupBuilder api)
    {
        var study = api.MapGroup("/share/{token}/studies/{key}").WithTags("Cloud film (patient)");
        study.MapGet("/series", SeriesAsync).WithName("ListSharedSeries").WithSummary("The study's series and their images.");
        study.MapGet("/instances/{sop}/frames/{frame:int}", FrameAsync).WithName("GetSharedFrame")
            .WithSummary("One frame as JPEG: quality thumb|low|high, optional window wc/ww (modality units).");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<SharedSeries>>, ProblemHttpResult>> SeriesAsync(
        string token, string key, IClusterClient cluster, IStudyImageSource images, HttpContext http, CancellationToken cancellationToken)
    {
        var (problem, share, _) = await ShareAccessGuard.CheckStudyAsync(http, cluster, token, key);
        if (problem is not null)
        {
            return problem;
        }
        var series = (await images.ListSeriesAsync(key, cancellationToken))
            .Where(s => !(share.Deidentified && s.MayShowTextInPixels))
            .Select(s => new SharedSeries(s.SeriesInstanceUid, s.Modality, s.Number, s.Description,
                [.. s.Instances.Where(i => i.HasPixels).SelectMany(i => Enumerable.Range(0, Math.Max(1, i.Frames)).Select(f => new SharedImage(i.SopInstanceUid, f)))]))
            .Where(s => s.Images.Count > 0)
            .ToList();
        return TypedResults.Ok<IReadOnlyList<SharedSeries>>(series);
    }

    private static async Task<IResult> FrameAsync(
        string token, string key, string sop, int frame, string? quality, double? wc, double? ww,
        IClusterClient cluster, IStudyImageSource images, RenderedFrameCache frames, HttpContext http, CancellationToken cancellationToken)
    {
        if (FrameQualities.Parse(quality) is not { } size)
        {
            throw RequestValidationException.For("quality", "Must be thumb, low or high.");
        }
        if ((wc is null) != (ww is null) || ww is <= 0)
        {
            throw RequestValidationException.For(ww is null or <= 0 ? "ww" : "wc", "Give both wc and ww, with ww above 0.");
        }
        var (problem, share, _) = await ShareAccessGuard.CheckStudyAsync(http, cluster, token, key);
        if (problem is not null)
        {
            return problem;
        }
        var etag = new EntityTagHeaderValue($"\"{sop}.{frame}.{size}.{wc}.{ww}.{(share.Deidentified ? 1 : 0)}\"");
        if (http.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        // Many viewers of one study ask for the same frames: rendered JPEGs are kept, bounded by size. The key holds
        // the study key too, so a frame reached through one study never answers for another.
        var cacheKey = $"frame:{key}:{etag.Tag}";
        if (!frames.TryGetValue(cacheKey, out byte[]? jpeg) || jpeg is null)
        {
            var file = await images.OpenAsync(key, sop, cancellationToken);
            if (file is null)
            {
                return ProblemCatalogue.ImageNotFound.Answer();
            }
            if (share.Deidentified && CloudFilm.Dicom.Deidentification.Deidentifier.ModalityMayShowText(file.Dataset.GetString(DicomTags.Modality)))
            {
                return ProblemCatalogue.ImageHiddenWhenDeidentified.Answer();
            }
            var image = new DicomImage(file.Dataset, file.TransferSyntax);
            if (frame < 0 || frame >= image.FrameCount)
            {
                return ProblemCatalogue.FrameNotFound.Answer(image.FrameCount - 1);
            }
            var options = wc is { } center && ww is { } width ? new RenderOptions { Window = new VoiWindow(center, width) } : null;
            var (maxEdge, jpegQuality) = FrameQualities.Settings(size);
            jpeg = FrameEncoder.Encode(image.Render(frame, options), FrameImageFormat.Jpeg, jpegQuality, maxEdge);
            frames.Keep(cacheKey, jpeg);
        }
        var headers = http.Response.GetTypedHeaders();
        headers.CacheControl = new CacheControlHeaderValue { Private = true, MaxAge = TimeSpan.FromHours(12) };
        headers.ETag = etag;
        return TypedResults.File(jpeg, "image/jpeg");
    }
}

public sealed record SharedSeries(string SeriesInstanceUid, string Modality, int? Number, string Description, IReadOnlyList<SharedImage> Images);

public sealed record SharedImage(string SopInstanceUid, int Frame);
