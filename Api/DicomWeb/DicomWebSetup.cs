using CloudFilm.Api.DicomWeb.Access;
using CloudFilm.Api.DicomWeb.Http;
using CloudFilm.Api.DicomWeb.Query;
using CloudFilm.Api.DicomWeb.Retrieve;
using CloudFilm.Api.DicomWeb.Store;
using Microsoft.AspNetCore.Routing;

namespace CloudFilm.Api.DicomWeb;

/// <summary>
/// DICOMweb (PS3.18): QIDO-RS (<c>Query/</c>), WADO-RS (<c>Retrieve/</c>) and STOW-RS (<c>Store/</c>) over the
/// archive's index and blob store, mounted twice: at <see cref="Root"/> for staff and systems, and at
/// <see cref="ShareRoot"/> for a patient's share link (its own studies, read only). Every route behind
/// <see cref="DicomWebAccess"/>, with the HTTP behaviour of <see cref="DicomWebHttp"/>. The conformance statement is
/// docs/dicomweb-conformance.md.
/// </summary>
public static class DicomWebSetup
{
    public const string Root = "/dicomweb";

    /// <summary>The same resources for one share link (the route value <c>token</c> is the link's secret).</summary>
    public const string ShareRoot = "/api/v1/share/{token}/dicomweb";

    public static IServiceCollection AddCloudFilmDicomWeb(this IServiceCollection services)
    {
        services.AddSingleton<DicomWebCallers>();
        services.AddDicomWebHttp();
        services.AddStowRs();
        services.AddCloudFilmWadoRs();
        return services;
    }

    public static WebApplication MapDicomWeb(this WebApplication app)
    {
        var staffAndSystems = app.MapGroup(Root).WithTags("DICOMweb").RequireDicomWebCaller().WithDicomWebHttp(app.Services);
        var share = app.MapGroup(ShareRoot).WithTags("DICOMweb (share link)").RequireDicomWebShareCaller().WithDicomWebHttp(app.Services);
        // Endpoint names are unique in the OpenAPI document: the share root's copies are named "Share" + name.
        ((IEndpointConventionBuilder)share).Finally(ShareNames);
        foreach (var root in new[] { staffAndSystems, share })
        {
            MapResources(root);
            foreach (var extra in app.Services.GetServices<DicomWebResources>())
            {
                extra.Map(root);
            }
        }
        // WADO-URI (PS3.18 chapter 9) has one address; staff and systems only.
        app.MapWadoUri();
        return app;
    }

    /// <summary>Every DICOMweb resource family, one line each; called once per root.</summary>
    private static void MapResources(RouteGroupBuilder dicomweb)
    {
        dicomweb.MapQidoRs();
        dicomweb.MapWadoRs();
        dicomweb.MapStowRs();
    }

    private static void ShareNames(EndpointBuilder endpoint)
    {
        for (var i = 0; i < endpoint.Metadata.Count; i++)
        {
            endpoint.Metadata[i] = endpoint.Metadata[i] switch
            {
                EndpointNameMetadata name => new EndpointNameMetadata("Share" + name.EndpointName),
                RouteNameMetadata route when route.RouteName is { } routeName => new RouteNameMetadata("Share" + routeName),
                var other => other,
            };
        }
    }
}

/// <summary>
/// Routes mounted under both DICOMweb roots besides the families of <see cref="DicomWebSetup"/>, registered as a
/// service (<c>services.AddSingleton(new DicomWebResources(root => …))</c>). The Api registers none; tests mount a
/// probe that shows what the access filters establish.
/// </summary>
public sealed record DicomWebResources(Action<RouteGroupBuilder> Map);
