using CloudFilm.Api.Problems;
using CloudFilm.Grains.Abstractions.Sharing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.Sharing;

/// <summary>
/// Checks, on every patient-side request, that the share session lets this viewer in now. The viewer's proof of
/// verification travels in an HttpOnly cookie bound to the session, so images load with it too.
/// </summary>
public static class ShareAccessGuard
{
    public static string CookieName(string tokenId) => "cf_view_" + tokenId[..12];

    public static IShareSessionGrain Session(this IClusterClient cluster, string token) =>
        cluster.GetGrain<IShareSessionGrain>(ShareTokens.TokenId(token));

    /// <summary>Null when the viewer may proceed, else the problem to answer with.</summary>
    public static async Task<ProblemHttpResult?> CheckAsync(HttpContext http, IClusterClient cluster, string token)
    {
        var tokenId = ShareTokens.TokenId(token);
        var proof = http.Request.Cookies[CookieName(tokenId)];
        var state = await cluster.Session(token).CheckAsync(proof);
        return state == ShareAccessState.Open ? null : Problem(state);
    }

    /// <summary>
    /// Checks the viewer and that the link opens this study (its own study, or any study of its patient for a
    /// patient-scoped link). Returns the share and the study, or the problem to answer with.
    /// </summary>
    public static async Task<(ProblemHttpResult? Problem, ShareSessionView Share, Grains.Abstractions.Studies.StudySnapshot Study)> CheckStudyAsync(
        HttpContext http, IClusterClient cluster, string token, string studyKey)
    {
        if (await CheckAsync(http, cluster, token) is { } denied)
        {
            return (denied, null!, null!);
        }
        var share = (await cluster.Session(token).GetAsync())!;
        var study = await cluster.GetGrain<Grains.Abstractions.Studies.IStudyGrain>(Grains.Abstractions.Studies.StudyKeys.GrainKey(studyKey)).GetAsync();
        var inScope = study is not null && (share.Scope == ShareScope.Patient ? study.Patient.PatientKey == share.PatientKey : studyKey == share.StudyKey);
        return inScope
            ? (null, share, study!)
            : (ProblemCatalogue.LinkDoesNotOpenStudy.Answer(), share, null!);
    }

    public static ProblemHttpResult Problem(ShareAccessState state) => DomainProblems.For(state).Answer();

    public static void SetProof(HttpContext http, string token, string proof, DateTimeOffset until) =>
        http.Response.Cookies.Append(CookieName(ShareTokens.TokenId(token)), proof, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Expires = until,
        });
}
