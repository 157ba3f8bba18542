using CloudFilm.Api.Hosting;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using CloudFilm.Grains.Abstractions.Sharing;
using CloudFilm.Grains.Abstractions.Studies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.Sharing;

/// <summary>Staff-side share links: create on demand, look at one with its access log, withdraw it.</summary>
public static class SharingApi
{
    /// <summary>Who may make, look at and withdraw share links: the reading room, supervisors and administrators.</summary>
    private static readonly string[] ShareRoles = ["reader", "supervisor", "admin"];

    public static RouteGroupBuilder MapSharingApi(this RouteGroupBuilder api)
    {
        api.MapPost("/studies/{key}/shares", CreateAsync).WithTags("Sharing").RequireStaff(ShareRoles)
            .WithName("CreateShare").WithSummary("Create a share link for a study (or all of its patient's studies). The token is shown only here.")
            .Accepts<CreateShareRequest>("application/json").ProducesValidationProblem();
        var shares = api.MapGroup("/shares/{tokenId}").WithTags("Sharing").RequireStaff(ShareRoles);
        shares.MapGet("/", GetAsync).WithName("GetShare").WithSummary("A share link's settings, state and access log.");
        shares.MapDelete("/", RevokeAsync).WithName("RevokeShare").WithSummary("Withdraw a share link at once.");
        return api;
    }

    private static async Task<Results<Created<CreatedShareResponse>, ProblemHttpResult>> CreateAsync(
        string key, HttpRequest request, IClusterClient cluster, ShareLinks links, TimeProvider clock, ILogger<CreateShareRequest> logger,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<CreateShareRequest>(request, ApiJson.Options, cancellationToken);
        var study = await cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(key)).GetAsync();
        if (study is null)
        {
            return ProblemCatalogue.StudyNotFound.Answer(key);
        }

        var errors = new RequestErrors();
        var days = body.Days ?? 7;
        if (days is < 1 or > 30)
        {
            errors.Add("days", "Must be between 1 and 30.");
        }
        var verification = body.Verification ?? (study.Patient.Phone is null ? VerificationMethod.None : VerificationMethod.Sms);
        if (verification == VerificationMethod.Sms && study.Patient.Phone is null)
        {
            errors.Add("verification", "SMS verification needs the patient's phone number on file.");
        }
        if (verification == VerificationMethod.IdCardDigits && body.IdCardLastDigits is not { Length: >= 4 and <= 6 })
        {
            errors.Add("idCardLastDigits", "Required for id-card-digits verification: the last 4 to 6 characters of the ID card number.");
        }
        if (body.AccessCode is { } code && code.Trim().Length is < 4 or > 12)
        {
            errors.Add("accessCode", "Must be 4 to 12 characters.");
        }
        if ((body.ViewFrom is null) != (body.ViewUntil is null))
        {
            errors.Add(body.ViewFrom is null ? "viewFrom" : "viewUntil", "Viewing hours need both viewFrom and viewUntil.");
        }
        errors.ThrowIfAny();

        var token = ShareTokens.NewSecret();
        var settings = new ShareSettings(
            body.Scope ?? ShareScope.Study, key, study.Patient.PatientKey, clock.GetUtcNow().AddDays(days), verification,
            body.AccessCode is { } c ? ShareTokens.Hash(c.Trim()) : null, body.Deidentified ?? false, body.ViewFrom, body.ViewUntil,
            request.HttpContext.Actor(), study.Patient.Phone,
            body.IdCardLastDigits is { } digits ? ShareTokens.Hash(digits.Trim().ToUpperInvariant()) : null);
        var view = await cluster.Session(token).CreateAsync(settings);
        logger.LogInformation("Share {TokenId} created for study {StudyKey} ({Scope}, {Days} days)", ShareLinks.ForLog(token), key, settings.Scope, days);
        return TypedResults.Created($"/api/v1/shares/{view.TokenId}", new CreatedShareResponse(token, links.PatientPage(token), view));
    }

    private static async Task<Results<Ok<ShareDetailsResponse>, ProblemHttpResult>> GetAsync(string tokenId, IClusterClient cluster)
    {
        var grain = cluster.GetGrain<IShareSessionGrain>(tokenId);
        var view = await grain.GetAsync();
        return view is null
            ? ProblemCatalogue.ShareNotFound.Answer()
            : TypedResults.Ok(new ShareDetailsResponse(view, await grain.GetAccessLogAsync()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string tokenId, HttpContext http, IClusterClient cluster)
    {
        var grain = cluster.GetGrain<IShareSessionGrain>(tokenId);
        if (await grain.GetAsync() is null)
        {
            return ProblemCatalogue.ShareNotFound.Answer();
        }
        await grain.RevokeAsync(http.Actor());
        return TypedResults.NoContent();
    }
}

public sealed record CreatedShareResponse(string Token, string Url, ShareSessionView Share);

public sealed record ShareDetailsResponse(ShareSessionView Share, IReadOnlyList<ShareAccess> AccessLog);
