using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;

namespace CloudFilm.Api.DicomWeb.Access;

/// <summary>
/// The one place that decides who may use DICOMweb and which studies they see. An endpoint filter runs before every
/// DICOMweb handler: it establishes the <see cref="DicomWebCaller"/> through <see cref="DicomWebCallers"/> (staff by
/// cookie and role, a system by key holding <see cref="SystemPermissions.DicomWeb"/>, a patient's share link under the
/// share root) or answers the refusal; handlers then call <see cref="DicomWebCaller.MaySee"/> (or filter queries by
/// <see cref="DicomWebCaller.Studies"/>) and answer a study the caller may not see as 404, so existence does not leak.
/// </summary>
public static class DicomWebAccess
{
    /// <summary>The staff roles that may read images: every role today.</summary>
    public static readonly string[] StaffRoles = StaffAuthentication.Roles;

    private const string CallerItem = "cloudfilm.dicomweb.caller";

    /// <summary>The caller of this DICOMweb request (set by <see cref="RequireDicomWebCaller{TBuilder}"/> or the share filter).</summary>
    public static DicomWebCaller DicomWebCaller(this HttpContext http) =>
        http.Items[CallerItem] as DicomWebCaller ?? throw new InvalidOperationException("DICOMweb endpoint mapped without a DICOMweb caller filter.");

    /// <summary>The <c>/dicomweb</c> root: staff holding a role, and systems whose key holds <c>dicomweb</c>.</summary>
    public static TBuilder RequireDicomWebCaller<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var (caller, refusal) = await http.RequestServices.GetRequiredService<DicomWebCallers>().StaffOrSystemAsync(http);
            if (caller is null)
            {
                return refusal;
            }
            http.Items[CallerItem] = caller;
            return await next(context);
        });

    /// <summary>
    /// The share root (<c>…/share/{token}/dicomweb</c>): the link's own studies, with the viewer's proof cookie checked
    /// on every request; reading only.
    /// </summary>
    public static TBuilder RequireDicomWebShareCaller<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var token = http.Request.RouteValues["token"] as string ?? "";
            var (caller, refusal) = await http.RequestServices.GetRequiredService<DicomWebCallers>().ShareAsync(http, token);
            if (caller is null)
            {
                return refusal;
            }
            http.Items[CallerItem] = caller;
            return await next(context);
        });

    /// <summary>
    /// Staff roles that may store instances by STOW-RS (storing changes the archive, so reading roles may not); systems
    /// presenting a key may store; share callers never may.
    /// </summary>
    public static readonly string[] StoreRoles = ["supervisor", "admin"];

    /// <summary>Whether this DICOMweb caller may store instances (STOW-RS). A caller who may not is answered 403: storing is not seeing.</summary>
    public static bool MayStore(this HttpContext http) => http.DicomWebCaller().Kind switch
    {
        DicomWebCallerKind.System => true,
        DicomWebCallerKind.Staff => StoreRoles.Any(http.User.IsInRole),
        _ => false,
    };
}
