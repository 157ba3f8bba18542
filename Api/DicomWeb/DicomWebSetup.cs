using CloudFilm.Api.DicomWeb.Access;
using CloudFilm.Api.DicomWeb.Query;
using CloudFilm.Api.DicomWeb.Retrieve;
using CloudFilm.Api.DicomWeb.Store;

namespace CloudFilm.Api.DicomWeb;

/// <summary>
/// DICOMweb (PS3.18) under <c>/dicomweb</c>: QIDO-RS (<c>Query/</c>), WADO-RS (<c>Retrieve/</c>) and STOW-RS
/// (<c>Store/</c>) over the archive's index and blob store; every route behind <see cref="DicomWebAccess"/>. The
/// conformance statement is docs/dicomweb-conformance.md.
/// </summary>
public static class DicomWebSetup
{
    public const string Root = "/dicomweb";

    public static IServiceCollection AddCloudFilmDicomWeb(this IServiceCollection services) => services
        .AddStowRs()
        .AddCloudFilmWadoRs();

    public static WebApplication MapDicomWeb(this WebApplication app)
    {
        var dicomweb = app.MapGroup(Root).WithTags("DICOMweb").RequireDicomWebCaller();
        dicomweb.MapQidoRs();
        dicomweb.MapStowRs();
        dicomweb.MapWadoRs();
        app.MapWadoUri();
        return app;
    }
}
