using System.Runtime.CompilerServices;
using CloudFilm.Api.Hosting;
using CloudFilm.Api.Imaging;
using CloudFilm.Api.Problems;
using CloudFilm.Dicom.IO;
using CloudFilm.Grains.Abstractions.Sharing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.Sharing.Downloads;

/// <summary>
/// Downloads of a shared study. A verified viewer asks for one and gets its own link (<c>/d/{id}</c>) with an
/// extraction code; whoever holds both sees what and how large it is, enters the code, and gets a one-time link
/// that streams the zip.
/// </summary>
public static class DownloadsApi
{
    /// <summary>A rough size of one JPEG, for the size shown before download.</summary>
    private const long ApproximateJpegBytes = 80 * 1024;

    public static RouteGroupBuilder MapDownloadsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/share/{token}/studies/{key}/downloads", CreateAsync).WithTags("Cloud film (patient)")
            .WithName("CreateDownload").WithSummary("Make a download (dicom or jpeg) of a shared study: a link and an extraction code.");
        var download = api.MapGroup("/downloads/{id}").WithTags("Cloud film (download)");
        download.MapGet("/", GetAsync).WithName("GetDownload").WithSummary("What a download holds, its size and validity.");
        download.MapPost("/grant", GrantAsync).WithName("GrantDownload").WithSummary("Check the extraction code; returns a one-time link to the file.");
        download.MapGet("/file", FileAsync).WithName("DownloadFile").WithSummary("The zip, streamed (needs a grant).");
        return api;
    }

    private static async Task<Results<Created<CreatedDownload>, ProblemHttpResult>> CreateAsync(
        string token, string key, HttpRequest request, IClusterClient cluster, IStudyImageSource images, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<CreateDownloadRequest>(request, ApiJson.Options, cancellationToken);
        if (body.Format is not { } format)
        {
            throw RequestValidationException.For("format", "Required: dicom or jpeg.");
        }
        var (problem, share, _) = await ShareAccessGuard.CheckStudyAsync(request.HttpContext, cluster, token, key);
        if (problem is not null)
        {
            return problem;
        }
        var series = (await images.ListSeriesAsync(key, cancellationToken)).Where(s => !(share.Deidentified && s.MayShowTextInPixels)).ToList();
        if (series.Count == 0)
        {
            return ProblemCatalogue.NothingToDownload.Answer();
        }
        var bytes = format == DownloadFormat.Dicom
            ? series.Sum(s => s.Instances.Sum(i => i.StoredBytes))
            : series.Sum(s => s.Instances.Where(i => i.HasPixels).Sum(i => Math.Max(1, i.Frames))) * ApproximateJpegBytes;
        var code = DownloadCodes.New();
        var id = ShareTokens.NewSecret();
        var now = clock.GetUtcNow();
        var view = await cluster.GetGrain<IDownloadTicketGrain>(id).CreateAsync(new DownloadTicket(
            share.TokenId, key, format, share.Deidentified, DownloadCodes.Hash(code), DownloadCodes.ExpiryFor(now, share.ExpiresAt), bytes));
        return TypedResults.Created($"/api/v1/downloads/{id}", new CreatedDownload(id, $"/d/{id}", code, view.ExpiresAt, bytes, format));
    }

    private static async Task<Results<Ok<DownloadTicketView>, ProblemHttpResult>> GetAsync(string id, IClusterClient cluster) =>
        await cluster.GetGrain<IDownloadTicketGrain>(id).GetAsync() is { } view
            ? TypedResults.Ok(view)
            : ProblemCatalogue.DownloadNotFound.Answer();

    private static async Task<Results<Ok<GrantResponse>, ProblemHttpResult>> GrantAsync(
        string id, HttpRequest request, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<GrantRequest>(request, ApiJson.Options, cancellationToken);
        var from = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";
        var result = await cluster.GetGrain<IDownloadTicketGrain>(id).RedeemAsync(body.Code, from);
        return result.Check switch
        {
            DownloadCheck.Allowed => TypedResults.Ok(new GrantResponse($"/api/v1/downloads/{id}/file?grant={result.Grant}")),
            DownloadCheck.WrongCode => DomainProblems.For(result.Check).Answer().With("attemptsLeft", result.AttemptsLeft),
            _ => DomainProblems.For(result.Check).Answer(),
        };
    }

    private static async Task<IResult> FileAsync(
        string id, string? grant, IClusterClient cluster, IStudyImageSource images, HttpContext http, ILogger<CreateDownloadRequest> logger)
    {
        var ticket = grant is null ? null : await cluster.GetGrain<IDownloadTicketGrain>(id).ConsumeGrantAsync(grant);
        if (ticket is null)
        {
            return ProblemCatalogue.DownloadGrantUsed.Answer();
        }
        var cancellationToken = http.RequestAborted;
        var series = (await images.ListSeriesAsync(ticket.StudyKey, cancellationToken))
            .Where(s => !(ticket.Deidentified && s.MayShowTextInPixels)).ToList();
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"cloudfilm-{ticket.StudyKey}-{ticket.Format.ToString().ToLowerInvariant()}.zip\"";
        http.Response.Headers.CacheControl = "no-store";
        var instances = Open(images, ticket.StudyKey, series, cancellationToken);
        if (ticket.Format == DownloadFormat.Dicom)
        {
            await StudyPackage.WriteDicomAsync(http.Response.Body, instances, ticket.Deidentified, cancellationToken);
        }
        else
        {
            await StudyPackage.WriteJpegAsync(http.Response.Body, instances, cancellationToken);
        }
        logger.LogInformation("Download {DownloadId} of study {StudyKey} streamed ({Format})", id[..8], ticket.StudyKey, ticket.Format);
        return TypedResults.Empty;
    }

    private static async IAsyncEnumerable<DicomFile> Open(
        IStudyImageSource images, string studyKey, IReadOnlyList<StudyImageSeries> series, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var instance in series.SelectMany(s => s.Instances))
        {
            if (await images.OpenAsync(studyKey, instance.SopInstanceUid, cancellationToken) is { } file)
            {
                yield return file;
            }
        }
    }
}

public sealed class CreateDownloadRequest
{
    public DownloadFormat? Format { get; set; }
}

public sealed class GrantRequest
{
    public string? Code { get; set; }
}

public sealed record CreatedDownload(string DownloadId, string Url, string ExtractionCode, DateTimeOffset ExpiresAt, long ApproximateBytes, DownloadFormat Format);

public sealed record GrantResponse(string Url);
