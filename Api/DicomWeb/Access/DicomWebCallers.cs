using System.Security.Claims;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using CloudFilm.Api.Sharing;
using CloudFilm.Api.Sharing.Queries;
using CloudFilm.Grains.Abstractions.Sharing;
using CloudFilm.Grains.Abstractions.Studies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;

namespace CloudFilm.Api.DicomWeb.Access;

/// <summary>Who asks, or why not: exactly one of the two is set.</summary>
public readonly record struct DicomWebCallerResult(DicomWebCaller? Caller, ProblemHttpResult? Refusal)
{
    public static implicit operator DicomWebCallerResult(DicomWebCaller caller) => new(caller, null);

    public static implicit operator DicomWebCallerResult(ProblemHttpResult refusal) => new(null, refusal);
}

/// <summary>
/// Establishes a DICOMweb request's <see cref="DicomWebCaller"/>. Used by the filters of <see cref="DicomWebAccess"/>
/// only; handlers never decide access themselves.
/// </summary>
public sealed partial class DicomWebCallers(IClusterClient cluster, ISharedStudyQueries sharedStudies, SystemKeys systems, ILogger<DicomWebCallers> logger)
{
    /// <summary>
    /// How long the studies a share opens are kept between requests (a viewer asks for hundreds of frames). The
    /// session itself — revoked, expired, locked, the viewer's proof — is checked on every request, never kept.
    /// </summary>
    public static readonly TimeSpan ShareStudiesLifetime = TimeSpan.FromSeconds(10);

    private readonly MemoryCache _shareStudies = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>Staff by cookie and role, or a system by key with the <c>dicomweb</c> permission.</summary>
    public async Task<DicomWebCallerResult> StaffOrSystemAsync(HttpContext http)
    {
        if (systems.Find(http.Request.Headers[SystemKeys.Header]) is { } system)
        {
            if (!system.Holds(SystemPermissions.DicomWeb))
            {
                return ProblemCatalogue.PermissionRequired.Answer(SystemPermissions.DicomWeb);
            }
            return new DicomWebCaller(DicomWebCallerKind.System, system.Name!, null, false);
        }
        var result = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            return ProblemCatalogue.SignInRequired.Answer();
        }
        http.User = result.Principal;
        if (!DicomWebAccess.StaffRoles.Any(result.Principal.IsInRole))
        {
            return ProblemCatalogue.RoleRequired.Answer(string.Join(", ", DicomWebAccess.StaffRoles));
        }
        return new DicomWebCaller(DicomWebCallerKind.Staff, result.Principal.Identity!.Name!, StaffStudies(result.Principal), false);
    }

    /// <summary>
    /// SCOPING SEAM (security issue #17): the studies a member of staff may see. Every study today; campus and
    /// department scoping narrows this set (or replaces it with a query restriction) here and nowhere else.
    /// </summary>
    private static IReadOnlySet<string>? StaffStudies(ClaimsPrincipal staff)
    {
        _ = staff;
        return null;
    }

    /// <summary>
    /// A patient's share link: the session must let this viewer in now (its proof cookie, checked on every request);
    /// it sees the DICOM studies of its own study (or of every study of its patient for a patient-scoped link), and
    /// reads only.
    /// </summary>
    public async Task<DicomWebCallerResult> ShareAsync(HttpContext http, string token)
    {
        var tokenId = ShareTokens.TokenId(token);
        if (await ShareAccessGuard.CheckAsync(http, cluster, token) is { } denied)
        {
            LogShareRefused(tokenId, denied.ProblemDetails.Status);
            return denied;
        }
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            LogShareRefused(tokenId, StatusCodes.Status403Forbidden);
            return ProblemCatalogue.ShareLinkReadOnly.Answer();
        }
        var share = await cluster.Session(token).GetAsync();
        if (share is null)
        {
            return ShareAccessGuard.Problem(ShareAccessState.Unknown);
        }
        var studies = await _shareStudies.GetOrCreateAsync(tokenId, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ShareStudiesLifetime;
            entry.Size = 1;
            return await StudiesOfAsync(share, http.RequestAborted);
        });
        return new DicomWebCaller(DicomWebCallerKind.Share, tokenId, studies!, share.Deidentified);
    }

    /// <summary>The Study Instance UIDs a share opens: the DICOM studies each of its orders shows (matched images only).</summary>
    private async Task<IReadOnlySet<string>> StudiesOfAsync(ShareSessionView share, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> orders = share.Scope == ShareScope.Patient
            ? [.. (await sharedStudies.ListByPatientAsync(share.PatientKey, cancellationToken)).Select(r => r.StudyKey).Append(share.StudyKey).Distinct()]
            : [share.StudyKey];
        var images = await Task.WhenAll(orders.Select(key => cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(key)).GetMatchedImagesAsync()));
        return images.SelectMany(i => i).Select(i => i.StudyInstanceUid).ToHashSet(StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "DICOMweb through share {TokenId} refused with {Status}")]
    private partial void LogShareRefused(string tokenId, int? status);
}
