using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CloudFilm.Api.DicomWeb.Http;

/// <summary>Marks an endpoint as DICOMweb, for the HTTP behaviour every DICOMweb answer shares (<see cref="DicomWebHttp"/>).</summary>
public sealed class DicomWebEndpointMetadata
{
    public static readonly DicomWebEndpointMetadata Instance = new();

    private DicomWebEndpointMetadata()
    {
    }
}

/// <summary>
/// What every DICOMweb answer shares, under both roots: <c>Cache-Control: private</c> unless the route set its own
/// (patient data never sits in a shared cache), gzip or brotli for JSON and XML answers only (DICOM, pixel data and
/// images are already as small as they get, and compressing them costs time), and CORS for the configured origins.
/// </summary>
public static class DicomWebHttp
{
    public const string CorsPolicy = "dicomweb";

    /// <summary>The headers a cross-origin viewer may read besides the safelisted ones.</summary>
    public static readonly string[] ExposedHeaders =
        [HeaderNames.ETag, HeaderNames.LastModified, HeaderNames.ContentLocation, HeaderNames.Location, HeaderNames.Warning];

    public static IServiceCollection AddDicomWebHttp(this IServiceCollection services)
    {
        services.AddOptions<DicomWebCorsOptions>().BindConfiguration(DicomWebCorsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DicomWebCorsOptions>>((cors, configured) =>
        {
            var options = configured.Value;
            cors.AddPolicy(CorsPolicy, policy =>
            {
                if (options.Origins.Contains("*"))
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins([.. options.Origins]);
                }
                policy.WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Post).AllowAnyHeader().WithExposedHeaders(ExposedHeaders)
                    .SetPreflightMaxAge(TimeSpan.FromSeconds(options.MaxAgeSeconds));
                if (options.AllowCredentials)
                {
                    policy.AllowCredentials();
                }
            });
        });
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = CompressedMediaTypes;
        });
        services.AddSingleton<IResponseCompressionProvider, DicomWebCompressionProvider>();
        return services;
    }

    /// <summary>Answers that are text: DICOM JSON and XML, and problem details.</summary>
    public static readonly string[] CompressedMediaTypes =
        [DicomMediaTypes.DicomJson, DicomMediaTypes.DicomXml, "application/json", "application/problem+json", "application/xml", "text/xml"];

    /// <summary>Applies the shared behaviour to a DICOMweb root (both roots call it).</summary>
    public static RouteGroupBuilder WithDicomWebHttp(this RouteGroupBuilder root, IServiceProvider services)
    {
        root.WithMetadata(DicomWebEndpointMetadata.Instance);
        if (services.GetRequiredService<IOptions<DicomWebCorsOptions>>().Value.Enabled)
        {
            root.RequireCors(CorsPolicy);
        }
        return root;
    }

    /// <summary>
    /// The middleware for DICOMweb endpoints: CORS (it answers preflights itself), then, for DICOMweb endpoints only,
    /// compression and the default Cache-Control. Call before authentication.
    /// </summary>
    public static WebApplication UseDicomWebHttp(this WebApplication app)
    {
        app.UseCors();
        app.UseWhen(IsDicomWeb, branch =>
        {
            branch.UseResponseCompression();
            branch.Use((context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    if (!context.Response.Headers.ContainsKey(HeaderNames.CacheControl))
                    {
                        context.Response.Headers.CacheControl = "private";
                    }
                    return Task.CompletedTask;
                });
                return next(context);
            });
        });
        return app;
    }

    private static bool IsDicomWeb(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<DicomWebEndpointMetadata>() is not null;
}

/// <summary>
/// The framework's choice (Accept-Encoding, the media types of <see cref="DicomWebHttp.CompressedMediaTypes"/>), and
/// for <c>multipart/related</c> only when its parts are XML (QIDO's <c>type="application/dicom+xml"</c>), never when
/// they are DICOM, pixel data or images.
/// </summary>
public sealed class DicomWebCompressionProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
    : ResponseCompressionProvider(services, options)
{
    public override bool ShouldCompressResponse(HttpContext context)
    {
        if (MediaTypeHeaderValue.TryParse(context.Response.ContentType, out var type)
            && type.MediaType.Equals(DicomMediaTypes.MultipartRelated, StringComparison.OrdinalIgnoreCase))
        {
            var parts = type.Parameters.FirstOrDefault(p => p.Name.Equals("type", StringComparison.OrdinalIgnoreCase))?.Value.ToString().Trim('"');
            return string.Equals(parts, DicomMediaTypes.DicomXml, StringComparison.OrdinalIgnoreCase)
                && !context.Response.Headers.ContainsKey(HeaderNames.ContentRange)
                && !context.Response.Headers.ContainsKey(HeaderNames.ContentEncoding);
        }
        return base.ShouldCompressResponse(context);
    }
}
