using System.Diagnostics;
using CloudFilm.Api.DicomWeb.Access;
using CloudFilm.Api.DicomWeb.Http;
using CloudFilm.Api.Problems;
using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Ingest;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CloudFilm.Api.DicomWeb.Store;

/// <summary>
/// STOW-RS (PS3.18 10.5): <c>POST studies</c> and <c>POST studies/{study}</c> with a
/// <c>multipart/related; type="application/dicom"</c> body, one Part 10 file per part. The body is read as a stream,
/// each part into a temporary file in the blob store, and each instance goes through the archive's
/// <see cref="InstanceIngest"/> exactly as a C-STORE does (durable, indexed, compression queued, duplicates by
/// <c>Archive:Duplicates</c>) before the answer. The answer is the Store Instances Response (Table 10.5.3-1) as
/// <c>application/dicom+json</c>: 200 all stored, 202 some failed, 409 none stored.
/// </summary>
public static class StowRsApi
{
    /// <summary>The source recorded in the index (<c>source_ae_title</c>) for instances stored by STOW-RS.</summary>
    public const string SourceName = "STOW-RS";

    public static RouteGroupBuilder MapStowRs(this RouteGroupBuilder dicomweb)
    {
        dicomweb.MapPost("/studies", (HttpContext http, InstanceIngest ingest, BlobStore blobs, IOptions<StowOptions> options, ILoggerFactory logs,
                CancellationToken cancellationToken) => StoreAsync(http, null, ingest, blobs, options.Value, logs, cancellationToken))
            .WithName("StowRsStoreInstances")
            .WithSummary("STOW-RS: store DICOM instances (multipart/related; type=\"application/dicom\")")
            .Produces(StatusCodes.Status200OK, contentType: DicomMediaTypes.DicomJson)
            .Produces(StatusCodes.Status202Accepted, contentType: DicomMediaTypes.DicomJson)
            .Produces(StatusCodes.Status409Conflict, contentType: DicomMediaTypes.DicomJson)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        dicomweb.MapPost("/studies/{study}", (HttpContext http, string study, InstanceIngest ingest, BlobStore blobs, IOptions<StowOptions> options,
                ILoggerFactory logs, CancellationToken cancellationToken) => StoreAsync(http, study, ingest, blobs, options.Value, logs, cancellationToken))
            .WithName("StowRsStoreStudyInstances")
            .WithSummary("STOW-RS: store DICOM instances of one study (an instance of another study fails alone)")
            .Produces(StatusCodes.Status200OK, contentType: DicomMediaTypes.DicomJson)
            .Produces(StatusCodes.Status202Accepted, contentType: DicomMediaTypes.DicomJson)
            .Produces(StatusCodes.Status409Conflict, contentType: DicomMediaTypes.DicomJson)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return dicomweb;
    }

    private static async Task<IResult> StoreAsync(HttpContext http, string? study, InstanceIngest ingest, BlobStore blobs, StowOptions options,
        ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (!http.MayStore())
        {
            return ProblemCatalogue.RoleRequired.Answer(string.Join(", ", DicomWebAccess.StoreRoles));
        }
        if (study is not null)
        {
            var errors = new RequestErrors();
            errors.Require("study", BlobStore.IsSafeUid(study), "The Study Instance UID must be 1-64 digits and dots.");
            errors.ThrowIfAny();
        }
        if (Boundary(http.Request.ContentType) is not { } boundary)
        {
            return ProblemCatalogue.StoreMediaTypeNotSupported.Answer(http.Request.ContentType ?? "(none)");
        }
        if (http.Request.ContentLength > options.MaxStoreRequestBytes)
        {
            return ProblemCatalogue.StoreRequestTooLarge.Answer(options.MaxStoreRequestBytes);
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = options.MaxStoreRequestBytes;
        }

        var log = logs.CreateLogger(typeof(StowRsApi).FullName!);
        var caller = http.DicomWebCaller();
        var started = Stopwatch.GetTimestamp();
        var response = new StowResponse(RetrieveBase(http), study);
        var body = new LimitedReadStream(http.Request.Body, options.MaxStoreRequestBytes);
        var reader = new MultipartReader(boundary, body);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } part)
            {
                await StorePartAsync(part, study, ingest, blobs, options, response, cancellationToken);
            }
        }
        catch (Exception e) when (e is RequestTooLargeException || e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            log.LogWarning("STOW-RS by {CallerKind} {Caller}: body over {Limit} bytes after {Stored} stored, {Failed} failed", caller.Kind, caller.Name,
                options.MaxStoreRequestBytes, response.StoredCount, response.FailedCount);
            return ProblemCatalogue.StoreRequestTooLarge.Answer(options.MaxStoreRequestBytes);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            // A body that ends before its closing boundary (or a client that went away) reads as an IOException.
            log.LogWarning("STOW-RS by {CallerKind} {Caller}: malformed multipart after {Stored} stored, {Failed} failed ({Error})", caller.Kind, caller.Name,
                response.StoredCount, response.FailedCount, e.Message);
            return ProblemCatalogue.StoreMultipartMalformed.Answer(e.Message);
        }
        if (response.StoredCount + response.FailedCount == 0)
        {
            return ProblemCatalogue.StoreMultipartMalformed.Answer("no part");
        }

        log.LogInformation("STOW-RS by {CallerKind} {Caller} to {Study}: {Stored} stored, {Failed} failed, {Bytes} bytes in {Elapsed} ms", caller.Kind,
            caller.Name, study ?? "(any study)", response.StoredCount, response.FailedCount, body.BytesRead,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (response.StudyRetrieveUrl is { } location)
        {
            http.Response.Headers.ContentLocation = location;
        }
        return Results.Text(response.ToJson(), DicomMediaTypes.DicomJson, System.Text.Encoding.UTF8, response.HttpStatus);
    }

    /// <summary>Reads one part into a temporary file and hands it to the ingest; any refusal is recorded as that part's failure.</summary>
    private static async Task StorePartAsync(MultipartSection part, string? study, InstanceIngest ingest, BlobStore blobs, StowOptions options,
        StowResponse response, CancellationToken cancellationToken)
    {
        if (part.ContentType is { } type && !IsDicom(type))
        {
            await part.Body.CopyToAsync(Stream.Null, cancellationToken);
            response.Failed(null, StowFailureReason.CannotUnderstand);
            return;
        }

        var file = blobs.CreateTemporary();
        var handedOver = false;
        try
        {
            if (!await CopyWithinAsync(part.Body, file, options.MaxStorePartBytes, cancellationToken))
            {
                await part.Body.CopyToAsync(Stream.Null, cancellationToken);
                response.Failed(null, StowFailureReason.OutOfResources);
                return;
            }
            handedOver = true; // the ingest closes the temporary and renames or deletes it
            var stored = await ingest.StoreAsync(file, new IngestSource(null, null, null, SourceName, study), cancellationToken);
            response.Stored(stored);
        }
        catch (IngestRefusedException e)
        {
            response.Failed(e.Identity, StowFailureReason.Of(e.Failure));
        }
        finally
        {
            if (!handedOver)
            {
                await file.DisposeAsync();
                File.Delete(file.Name);
            }
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/>; false (stopping early) once it is larger than <paramref name="limit"/>.</summary>
    private static async Task<bool> CopyWithinAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return false;
            }
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return true;
    }

    /// <summary>The boundary of a <c>multipart/related</c> body whose parts are <c>application/dicom</c> (the type parameter may be left out); null otherwise.</summary>
    private static string? Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals(DicomMediaTypes.MultipartRelated, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var type = HeaderUtilities.RemoveQuotes(media.Parameters.FirstOrDefault(p => p.Name.Equals("type", StringComparison.OrdinalIgnoreCase))?.Value ?? default);
        if (type.Length > 0 && !IsDicom(type.Value!))
        {
            return null;
        }
        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        return string.IsNullOrEmpty(boundary) ? null : boundary;
    }

    private static bool IsDicom(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Equals(DicomMediaTypes.Dicom, StringComparison.OrdinalIgnoreCase);

    private static string RetrieveBase(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{DicomWebSetup.Root}";

    private sealed class RequestTooLargeException() : IOException("the request body is over the STOW-RS limit");

    /// <summary>The request body, failing with <see cref="RequestTooLargeException"/> once more than the limit was read (whatever the server's own limit).</summary>
    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        private int Count(int read)
        {
            BytesRead += read;
            return BytesRead > limit ? throw new RequestTooLargeException() : read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
