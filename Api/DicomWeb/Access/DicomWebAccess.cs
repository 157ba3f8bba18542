using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CloudFilm.Api.DicomWeb.Access;

/// <summary>
/// The one place that decides who may use DICOMweb and which studies they see. The endpoint filter runs before every
/// DICOMweb handler: it establishes the <see cref="DicomWebCaller"/> (staff by cookie, a system by key) or answers
/// 401/403 problems; handlers then call <see cref="DicomWebCaller.MaySee"/> (or filter queries by
/// <see cref="DicomWebCaller.Studies"/>) and answer a study the caller may not see as 404, so existence does not leak.
/// </summary>
public static class DicomWebAccess
{
    /// <summary>Any staff role may read images; campus and department scoping will narrow <see cref="DicomWebCaller.Studies"/> here.</summary>
    public static readonly string[] StaffRoles = StaffAuthentication.Roles;

    private const string CallerItem = "cloudfilm.dicomweb.caller";

    /// <summary>The caller of this DICOMweb request (set by <see cref="RequireDicomWebCaller{TBuilder}"/>).</summary>
    public static DicomWebCaller DicomWebCaller(this HttpContext http) =>
        http.Items[CallerItem] as DicomWebCaller ?? throw new InvalidOperationException("DICOMweb endpoint mapped without RequireDicomWebCaller.");

    /// <summary>Lets through staff holding a role and systems presenting a key; others get 401 (or 403 without a role).</summary>
    public static TBuilder RequireDicomWebCaller<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.RequestServices.GetRequiredService<SystemKeys>().Identify(http.Request.Headers[SystemKeys.Header]) is { } system)
            {
                http.Items[CallerItem] = new DicomWebCaller(DicomWebCallerKind.System, system, null, false);
                return await next(context);
            }
            var result = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (!result.Succeeded)
            {
                return ProblemCatalogue.SignInRequired.Answer();
            }
            http.User = result.Principal;
            if (!StaffRoles.Any(result.Principal.IsInRole))
            {
                return ProblemCatalogue.RoleRequired.Answer(string.Join(", ", StaffRoles));
            }
            http.Items[CallerItem] = new DicomWebCaller(DicomWebCallerKind.Staff, result.Principal.Identity!.Name!, null, false);
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
