using CloudFilm.Dicom.Json;
using CloudFilm.Api.DicomWeb.Http;
using CloudFilm.Api.Imaging;
using CloudFilm.Api.Problems;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Imaging;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Api.DicomWeb.Retrieve;

/// <summary>
/// WADO-RS (PS3.18 10.4): instances, metadata, frames, bulk data, rendered images and thumbnails of the studies the
/// caller may see, streamed instance by instance, with entity tags and 304s (<see cref="ConditionalGet"/>). The
/// conformance statement (docs/dicomweb-conformance.md, "WADO-RS and WADO-URI") says what each answers.
/// </summary>
public static class WadoRsApi
{
    private const string Study = "/studies/{study}";
    private const string Series = Study + "/series/{series}";
    private const string Instance = Series + "/instances/{instance}";

    public static RouteGroupBuilder MapWadoRs(this RouteGroupBuilder dicomweb)
    {
        dicomweb.MapGet(Study, (string study, HttpContext http, IRetrieveQueries q, StoredInstances s, CancellationToken ct) =>
            InstancesAsync(http, q, s, study, null, null, ct)).WithName("RetrieveStudy").WithSummary("WADO-RS: the study's instances (multipart/related; type=\"application/dicom\").");
        dicomweb.MapGet(Series, (string study, string series, HttpContext http, IRetrieveQueries q, StoredInstances s, CancellationToken ct) =>
            InstancesAsync(http, q, s, study, series, null, ct)).WithName("RetrieveSeries").WithSummary("WADO-RS: the series' instances.");
        dicomweb.MapGet(Instance, (string study, string series, string instance, HttpContext http, IRetrieveQueries q, StoredInstances s, CancellationToken ct) =>
            InstancesAsync(http, q, s, study, series, instance, ct)).WithName("RetrieveInstance").WithSummary("WADO-RS: one instance.");

        dicomweb.MapGet(Study + "/metadata", (string study, HttpContext http, IRetrieveQueries q, StoredInstances s, CancellationToken ct) =>
            MetadataAsync(http, q, s, study, null, null, ct)).WithName("RetrieveStudyMetadata").WithSummary("WADO-RS: metadata of the study's instances (application/dicom+json).");
        dicomweb.MapGet(Series + "/metadata", (string study, string series, HttpContext http, IRetrieveQueries q, StoredInstances s, CancellationToken ct) =>
            MetadataAsync(http, q, s, study, series, null, ct)).WithName("RetrieveSeriesMetadata").WithSummary("WADO-RS: metadata of the series' instances.");
        dicomweb.MapGet(Instance + "/metadata", (string study, string series, string instance, HttpContext http, IRetrieveQueries q, StoredInstances s, CancellationToken ct) =>
            MetadataAsync(http, q, s, study, series, instance, ct)).WithName("RetrieveInstanceMetadata").WithSummary("WADO-RS: metadata of one instance.");

        dicomweb.MapGet(Instance + "/frames/{frames}", FramesAsync).WithName("RetrieveFrames")
            .WithSummary("WADO-RS: frames (1-based list, e.g. 1,3): uncompressed octet-stream, or compressed (image/jls, image/jpeg…) as Accept allows.");
        dicomweb.MapGet(Instance + "/bulkdata/{**path}", BulkDataAsync).WithName("RetrieveBulkData")
            .WithSummary("WADO-RS: a binary value the metadata's BulkDataURI points at (7FE00010: the pixel data, frame by frame).");

        dicomweb.MapGet(Study + "/rendered", (string study, HttpContext http, IRetrieveQueries q, StoredInstances s, RenderedFrameCache c, CancellationToken ct) =>
            RenderedAsync(http, q, s, c, study, null, null, null, thumbnail: false, ct)).WithName("RetrieveRenderedStudy").WithSummary("WADO-RS: every image of the study rendered (multipart, first frame of each).");
        dicomweb.MapGet(Series + "/rendered", (string study, string series, HttpContext http, IRetrieveQueries q, StoredInstances s, RenderedFrameCache c, CancellationToken ct) =>
            RenderedAsync(http, q, s, c, study, series, null, null, thumbnail: false, ct)).WithName("RetrieveRenderedSeries").WithSummary("WADO-RS: every image of the series rendered.");
        dicomweb.MapGet(Instance + "/rendered", (string study, string series, string instance, HttpContext http, IRetrieveQueries q, StoredInstances s, RenderedFrameCache c, CancellationToken ct) =>
            RenderedAsync(http, q, s, c, study, series, instance, null, thumbnail: false, ct)).WithName("RetrieveRenderedInstance").WithSummary("WADO-RS: the instance rendered (its first frame) as image/jpeg or image/png.");
        dicomweb.MapGet(Instance + "/frames/{frames}/rendered", (string study, string series, string instance, string frames, HttpContext http, IRetrieveQueries q, StoredInstances s, RenderedFrameCache c, CancellationToken ct) =>
            RenderedAsync(http, q, s, c, study, series, instance, frames, thumbnail: false, ct)).WithName("RetrieveRenderedFrame").WithSummary("WADO-RS: one frame rendered.");

        dicomweb.MapGet(Study + "/thumbnail", (string study, HttpContext http, IRetrieveQueries q, StoredInstances s, RenderedFrameCache c, CancellationToken ct) =>
            RenderedAsync(http, q, s, c, study, null, null, null, thumbnail: true, ct)).WithName("RetrieveStudyThumbnail").WithSummary("WADO-RS: a representative image of the study, small.");
        dicomweb.MapGet(Series + "/thumbnail", (string study, string series, HttpContext http, IRetrieveQueries q, StoredInstances s, RenderedFrameCache c, CancellationToken ct) =>
            RenderedAsync(http, q, s, c, study, series, null, null, thumbnail: true, ct)).WithName("RetrieveSeriesThumbnail").WithSummary("WADO-RS: a representative image of the series, small.");
        dicomweb.MapGet(Instance + "/thumbnail", (string study, string series, string instance, HttpContext http, IRetrieveQueries q, StoredInstances s, RenderedFrameCache c, CancellationToken ct) =>
            RenderedAsync(http, q, s, c, study, series, instance, null, thumbnail: true, ct)).WithName("RetrieveInstanceThumbnail").WithSummary("WADO-RS: the instance, small.");
        dicomweb.MapGet(Instance + "/frames/{frames}/thumbnail", (string study, string series, string instance, string frames, HttpContext http, IRetrieveQueries q, StoredInstances s, RenderedFrameCache c, CancellationToken ct) =>
            RenderedAsync(http, q, s, c, study, series, instance, frames, thumbnail: true, ct)).WithName("RetrieveFrameThumbnail").WithSummary("WADO-RS: one frame, small.");
        return dicomweb;
    }

    /// <summary>The URI of an instance resource on this server, as BulkDataURIs and Content-Locations name it.</summary>
    public static string InstanceUri(HttpRequest request, StoredInstance i) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{DicomWebSetup.Root}/studies/{i.StudyInstanceUid}/series/{i.SeriesInstanceUid}/instances/{i.SopInstanceUid}";

    private static async Task<IResult> InstancesAsync(HttpContext http, IRetrieveQueries queries, StoredInstances stored, string study, string? series,
        string? instance, CancellationToken cancellationToken)
    {
        var (scope, problem) = await RetrieveScope.ResolveAsync(http, queries, study, series, instance, cancellationToken);
        if (scope is null)
        {
            return problem!;
        }
        var syntax = TransferSyntaxNegotiation.ForInstances(AcceptHeader.Read(http.Request), [.. scope.Instances.Select(i => i.TransferSyntaxUid).Distinct()]);
        if (syntax is null)
        {
            return ProblemCatalogue.NotAcceptable.Answer(http.Request.Headers.Accept.ToString());
        }
        if (scope.IsNotModified(http, "instances", syntax.TransferSyntaxUid ?? "*"))
        {
            return ConditionalGet.NotModified();
        }
        return new StreamedResult(async response =>
        {
            var writer = new MultipartRelatedWriter(response, DicomMediaTypes.Dicom);
            await writer.StartAsync();
            foreach (var i in scope.Instances)
            {
                if (await stored.PrepareAsync(i, syntax.TransferSyntaxUid, scope.Caller.Deidentify, cancellationToken) is not { } part)
                {
                    continue; // indexed but missing from the blob store: left out rather than failing the whole study
                }
                await writer.WritePartAsync($"{DicomMediaTypes.Dicom}; transfer-syntax={part.SyntaxUid}", part.Write, cancellationToken,
                    InstanceUri(http.Request, i));
            }
            await writer.EndAsync(cancellationToken);
        });
    }

    private static async Task<IResult> MetadataAsync(HttpContext http, IRetrieveQueries queries, StoredInstances stored, string study, string? series,
        string? instance, CancellationToken cancellationToken)
    {
        var (scope, problem) = await RetrieveScope.ResolveAsync(http, queries, study, series, instance, cancellationToken);
        if (scope is null)
        {
            return problem!;
        }
        var origin = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        if (scope.IsNotModified(http, "metadata", origin))
        {
            return ConditionalGet.NotModified();
        }
        return new StreamedResult(async response =>
        {
            response.ContentType = DicomMediaTypes.DicomJson;
            await using var array = new DicomJsonArrayWriter(response.BodyWriter);
            foreach (var i in scope.Instances)
            {
                if (stored.Metadata(i, InstanceUri(http.Request, i), scope.Caller.Deidentify) is { } json)
                {
                    await array.WriteRawAsync(json, cancellationToken);
                }
            }
            await array.CompleteAsync(cancellationToken);
        });
    }

    private static async Task<IResult> FramesAsync(string study, string series, string instance, string frames, HttpContext http,
        IRetrieveQueries queries, StoredInstances stored, CancellationToken cancellationToken)
    {
        var numbers = FrameParts.ParseList(frames);
        var (scope, problem) = await RetrieveScope.ResolveAsync(http, queries, study, series, instance, cancellationToken);
        if (scope is null)
        {
            return problem!;
        }
        return await PixelFramesAsync(http, scope, stored, numbers, "frames", cancellationToken);
    }

    private static async Task<IResult> PixelFramesAsync(HttpContext http, RetrieveScope scope, StoredInstances stored, IReadOnlyList<int>? numbers,
        string variant, CancellationToken cancellationToken)
    {
        var i = scope.Instances[0];
        if (!i.HasPixels)
        {
            return ProblemCatalogue.NotFound.Answer();
        }
        var syntax = TransferSyntaxNegotiation.ForFrames(AcceptHeader.Read(http.Request), [i.TransferSyntaxUid]);
        if (syntax is null || (syntax.TransferSyntaxUid is { } wanted && wanted != i.TransferSyntaxUid && !TransferSyntaxNegotiation.CanDecode(i.TransferSyntaxUid)))
        {
            return ProblemCatalogue.NotAcceptable.Answer(http.Request.Headers.Accept.ToString());
        }
        numbers ??= [.. Enumerable.Range(1, Math.Max(1, i.NumberOfFrames))];
        if (numbers.FirstOrDefault(n => n > Math.Max(1, i.NumberOfFrames)) is > 0 and var missing)
        {
            return ProblemCatalogue.DicomFrameNotFound.Answer(missing, Math.Max(1, i.NumberOfFrames));
        }
        if (scope.IsNotModified(http, variant, string.Join(',', numbers), syntax.TransferSyntaxUid ?? "*"))
        {
            return ConditionalGet.NotModified();
        }
        if (stored.Open(i, deidentify: false) is not { } file)
        {
            return ProblemCatalogue.DicomInstanceNotFound.Answer(i.StudyInstanceUid);
        }
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        var partType = DicomMediaTypes.ForFrame(syntax.TransferSyntaxUid ?? (file.TransferSyntax.IsEncapsulated ? file.TransferSyntax.Uid : DicomUids.ExplicitVRLittleEndian));
        return new StreamedResult(async response =>
        {
            var writer = new MultipartRelatedWriter(response, partType);
            await writer.StartAsync();
            foreach (var number in numbers)
            {
                var (contentType, bytes) = FrameParts.Frame(pixels, number, syntax);
                await writer.WritePartAsync(contentType, (s, ct) => s.WriteAsync(bytes, ct).AsTask(), cancellationToken);
            }
            await writer.EndAsync(cancellationToken);
        });
    }

    private static async Task<IResult> BulkDataAsync(string study, string series, string instance, string path, HttpContext http,
        IRetrieveQueries queries, StoredInstances stored, CancellationToken cancellationToken)
    {
        var (scope, problem) = await RetrieveScope.ResolveAsync(http, queries, study, series, instance, cancellationToken);
        if (scope is null)
        {
            return problem!;
        }
        if (path.Trim('/').Equals("7FE00010", StringComparison.OrdinalIgnoreCase))
        {
            return await PixelFramesAsync(http, scope, stored, null, "bulkdata-pixels", cancellationToken);
        }
        var accept = AcceptHeader.Read(http.Request);
        if (!accept.Any(r => r.MediaType is DicomMediaTypes.MultipartRelated or DicomMediaTypes.OctetStream or "*/*" or "multipart/*" && r.AllowsPart(DicomMediaTypes.OctetStream)))
        {
            return ProblemCatalogue.NotAcceptable.Answer(http.Request.Headers.Accept.ToString());
        }
        if (scope.IsNotModified(http, "bulkdata", path))
        {
            return ConditionalGet.NotModified();
        }
        var file = stored.Open(scope.Instances[0], scope.Caller.Deidentify);
        if (file is null || !Dicom.Data.DicomAttributePath.TryParse(path, out var attribute) || attribute.Find(file.Dataset) is not Dicom.Data.DicomElement element)
        {
            return ProblemCatalogue.NotFound.Answer();
        }
        var bytes = element.Buffer.Memory.ToArray();
        return new StreamedResult(async response =>
        {
            var writer = new MultipartRelatedWriter(response, DicomMediaTypes.OctetStream);
            await writer.StartAsync();
            await writer.WritePartAsync(DicomMediaTypes.OctetStream, (s, ct) => s.WriteAsync(bytes, ct).AsTask(), cancellationToken);
            await writer.EndAsync(cancellationToken);
        });
    }

    private static async Task<IResult> RenderedAsync(HttpContext http, IRetrieveQueries queries, StoredInstances stored, RenderedFrameCache cache,
        string study, string? series, string? instance, string? frames, bool thumbnail, CancellationToken cancellationToken)
    {
        var numbers = frames is null ? null : FrameParts.ParseList(frames);
        if (numbers is { Count: > 1 })
        {
            throw RequestValidationException.For("frames", "Render one frame at a time.");
        }
        var parameters = RenderParameters.Read(http.Request, thumbnail);
        if (parameters is null)
        {
            return ProblemCatalogue.NotAcceptable.Answer(http.Request.Headers.Accept.ToString());
        }
        var (scope, problem) = await RetrieveScope.ResolveAsync(http, queries, study, series, instance, cancellationToken);
        if (scope is null)
        {
            return problem!;
        }
        var images = scope.Instances.Where(i => i.HasPixels).ToList();
        if (images.Count == 0)
        {
            return ProblemCatalogue.ImageNotFound.Answer();
        }
        // A thumbnail of a study or series is one representative image: the middle one of the first series.
        if (thumbnail && instance is null)
        {
            var first = images.Where(i => i.SeriesInstanceUid == images[0].SeriesInstanceUid).ToList();
            images = [first[first.Count / 2]];
        }
        var frame = numbers?[0] ?? 1;
        if (frame > Math.Max(1, images[0].NumberOfFrames))
        {
            return ProblemCatalogue.DicomFrameNotFound.Answer(frame, Math.Max(1, images[0].NumberOfFrames));
        }
        if (scope.IsNotModified(http, thumbnail ? "thumbnail" : "rendered", string.Join(',', images.Select(i => i.SopInstanceUid)), frame.ToString(System.Globalization.CultureInfo.InvariantCulture), parameters.Variant))
        {
            return ConditionalGet.NotModified();
        }
        if (images.Count == 1 && (instance is not null || thumbnail))
        {
            var encoded = Render(stored, cache, images[0], frame - 1, parameters);
            return encoded is null ? ProblemCatalogue.ImageNotFound.Answer() : TypedResults.File(encoded, parameters.MediaType);
        }
        return new StreamedResult(async response =>
        {
            var writer = new MultipartRelatedWriter(response, parameters.MediaType);
            await writer.StartAsync();
            foreach (var image in images)
            {
                if (Render(stored, cache, image, 0, parameters) is { } encoded)
                {
                    await writer.WritePartAsync(parameters.MediaType, (s, ct) => s.WriteAsync(encoded, ct).AsTask(), cancellationToken, InstanceUri(http.Request, image));
                }
            }
            await writer.EndAsync(cancellationToken);
        });
    }

    /// <summary>One frame (from 0) rendered and encoded through the cloud film's renderer and frame cache; null when it cannot be read.</summary>
    public static byte[]? Render(StoredInstances stored, RenderedFrameCache cache, StoredInstance instance, int frame, RenderParameters parameters) =>
        cache.GetOrRender($"dicomweb|{instance.Identity}|{frame}|{parameters.Variant}", () =>
        {
            if (stored.Open(instance, deidentify: false) is not { } file)
            {
                return null;
            }
            try
            {
                var image = new DicomImage(file.Dataset, file.TransferSyntax);
                var maxEdge = parameters.MaxEdge(file.Dataset.GetValueOrDefault(DicomTags.Columns, (ushort)0), file.Dataset.GetValueOrDefault(DicomTags.Rows, (ushort)0));
                return FrameEncoder.Encode(image.Render(frame, parameters.Options), parameters.Format, parameters.Quality, maxEdge);
            }
            catch (DicomException)
            {
                return null;
            }
        });
}

/// <summary>An answer written straight to the response body (multipart and JSON arrays that are never built whole).</summary>
public sealed class StreamedResult(Func<HttpResponse, Task> write) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => write(httpContext.Response);
}
