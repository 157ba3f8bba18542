using CloudFilm.Api.Hosting;
using CloudFilm.Api.Messaging;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Sharing.Queries;
using CloudFilm.Grains.Abstractions.Reports;
using CloudFilm.Grains.Abstractions.Sharing;
using CloudFilm.Grains.Abstractions.Studies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.Sharing;

/// <summary>
/// <c>/api/v1/share/{token}</c>: what the patient's page (or a doctor the patient chose) calls. Every call checks
/// the session; content calls also need the viewer's verification cookie.
/// </summary>
public static class PatientShareApi
{
    public static RouteGroupBuilder MapPatientShareApi(this RouteGroupBuilder api)
    {
        var share = api.MapGroup("/share/{token}").WithTags("Cloud film (patient)");
        share.MapGet("/", StatusAsync).WithName("GetShareStatus").WithSummary("What the link needs before it shows anything.");
        share.MapPost("/code", SendCodeAsync).WithName("SendShareCode").WithSummary("Send a verification code by SMS to the phone on file.");
        share.MapPost("/verify", VerifyAsync).WithName("VerifyShare").WithSummary("Check the code (and access code); sets the viewer cookie.");
        share.MapGet("/studies", StudiesAsync).WithName("ListSharedStudies").WithSummary("The studies this link opens, newest first.");
        share.MapGet("/studies/{key}", StudyAsync).WithName("GetSharedStudy").WithSummary("One study with its final report.");
        share.MapPost("/shares", ShareOnAsync).WithName("ShareOnward")
            .WithSummary("The verified patient shares on with a doctor: a new link, at most as wide and as long as this one.");
        return api;
    }

    private static async Task<Results<Ok<ShareStatusResponse>, ProblemHttpResult>> StatusAsync(string token, IClusterClient cluster, HttpContext http)
    {
        var session = cluster.Session(token);
        var view = await session.GetAsync();
        if (view is null)
        {
            return ShareAccessGuard.Problem(ShareAccessState.Unknown);
        }
        var state = await session.CheckAsync(http.Request.Cookies[ShareAccessGuard.CookieName(view.TokenId)]);
        var study = await cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(view.StudyKey)).GetAsync();
        var phone = view.Verification == VerificationMethod.Sms && study?.Patient.Phone is { } p ? PhoneMask.Mask(p) : null;
        return TypedResults.Ok(new ShareStatusResponse(
            Kebab(state.ToString()), view.Verification, view.HasAccessCode, phone, view.ExpiresAt, view.Scope, view.Deidentified, view.LockedUntil));
    }

    private static async Task<Results<Ok<CodeSentResponse>, ProblemHttpResult>> SendCodeAsync(
        string token, IClusterClient cluster, ISmsGateway sms, SmsThrottle throttle, ShareLinks links, HttpContext http, CancellationToken cancellationToken)
    {
        var session = cluster.Session(token);
        var view = await session.GetAsync();
        if (view is null)
        {
            return ShareAccessGuard.Problem(ShareAccessState.Unknown);
        }
        if (view.Verification != VerificationMethod.Sms)
        {
            return ProblemCatalogue.LinkNotSmsVerified.Answer();
        }
        var study = await cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(view.StudyKey)).GetAsync();
        var phone = study?.Patient.Phone;
        if (phone is null)
        {
            return ProblemCatalogue.NoPhoneOnFile.Answer();
        }
        if (await throttle.TryAcquireAsync("phone:" + ShareTokens.Hash(phone)[..16], "share:" + view.TokenId) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ProblemCatalogue.CodeSentRecently.Answer().With("retryAfterSeconds", (int)Math.Ceiling(wait.TotalSeconds));
        }
        var issued = await session.IssueCodeAsync();
        if (issued.Code is null)
        {
            return ShareAccessGuard.Problem(issued.State);
        }
        await sms.SendAsync(new SmsMessage(issued.Phone!, links.VerificationCode(issued.Code), "share-verification"), cancellationToken);
        return TypedResults.Ok(new CodeSentResponse(PhoneMask.Mask(issued.Phone!), issued.ExpiresAt!.Value));
    }

    private static async Task<Results<Ok<VerifiedResponse>, ProblemHttpResult>> VerifyAsync(
        string token, HttpRequest request, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<VerifyRequest>(request, ApiJson.Options, cancellationToken);
        var from = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";
        var (result, proof) = await cluster.Session(token).VerifyAsync(body.Code, body.AccessCode, from);
        if (!result.Verified)
        {
            return result.State == ShareAccessState.NeedsVerification
                ? ProblemCatalogue.LinkWrongCode.Answer().With("attemptsLeft", result.AttemptsLeft)
                    .With("field", body.Code is null && body.AccessCode is not null ? "accessCode" : "code")
                : ShareAccessGuard.Problem(result.State).With("attemptsLeft", result.AttemptsLeft);
        }
        ShareAccessGuard.SetProof(request.HttpContext, token, proof!, result.VerifiedUntil!.Value);
        return TypedResults.Ok(new VerifiedResponse(true, result.VerifiedUntil.Value));
    }

    private static async Task<Results<Ok<IReadOnlyList<SharedStudySummary>>, ProblemHttpResult>> StudiesAsync(
        string token, IClusterClient cluster, ISharedStudyQueries queries, HttpContext http, CancellationToken cancellationToken)
    {
        if (await ShareAccessGuard.CheckAsync(http, cluster, token) is { } denied)
        {
            return denied;
        }
        var view = (await cluster.Session(token).GetAsync())!;
        var rows = view.Scope == ShareScope.Patient
            ? await queries.ListByPatientAsync(view.PatientKey, cancellationToken)
            : await queries.ListByStudyAsync(view.StudyKey, cancellationToken);
        var items = rows.Select(r => new SharedStudySummary(r.StudyKey, r.Modality, r.ExamItem, view.Deidentified ? null : r.Campus, r.RegisteredAt,
            r.ReportStatus is null ? null : Kebab(r.ReportStatus))).ToList();
        await cluster.Session(token).RecordAccessAsync(http.Connection.RemoteIpAddress?.ToString() ?? "", "list");
        return TypedResults.Ok<IReadOnlyList<SharedStudySummary>>(items);
    }

    private static async Task<Results<Ok<SharedStudyResponse>, ProblemHttpResult>> StudyAsync(
        string token, string key, IClusterClient cluster, HttpContext http)
    {
        var (problem, share, study) = await ShareAccessGuard.CheckStudyAsync(http, cluster, token, key);
        if (problem is not null)
        {
            return problem;
        }
        var report = (await cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(key)).GetReportHistoryAsync())
            .LastOrDefault(v => v.Content.Status is ReportStatus.Final or ReportStatus.Amended);
        await cluster.Session(token).RecordAccessAsync(http.Connection.RemoteIpAddress?.ToString() ?? "", "study " + key);
        return TypedResults.Ok(SharedStudyResponse.From(study, report, share.Deidentified));
    }

    private static async Task<Results<Created<OnwardShareResponse>, ProblemHttpResult>> ShareOnAsync(
        string token, HttpRequest request, IClusterClient cluster, ShareLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await ShareAccessGuard.CheckAsync(request.HttpContext, cluster, token) is { } denied)
        {
            return denied;
        }
        var body = await JsonBody.ReadAsync<OnwardShareRequest>(request, ApiJson.Options, cancellationToken);
        var errors = new RequestErrors();
        var days = body.Days ?? 7;
        if (days is < 1 or > 30)
        {
            errors.Add("days", "Must be between 1 and 30.");
        }
        if (body.AccessCode is not { } code || code.Trim().Length is < 4 or > 12)
        {
            // A link the patient forwards travels through chat apps: the code goes by another channel.
            errors.Add("accessCode", "Required: 4 to 12 characters, told to the doctor separately.");
        }
        errors.ThrowIfAny();
        var parent = (await cluster.Session(token).GetAsync())!;
        var now = clock.GetUtcNow();
        var expires = now.AddDays(days) < parent.ExpiresAt ? now.AddDays(days) : parent.ExpiresAt;
        var onward = ShareTokens.NewSecret();
        var view = await cluster.Session(onward).CreateAsync(new ShareSettings(
            parent.Scope, parent.StudyKey, parent.PatientKey, expires, VerificationMethod.None, ShareTokens.Hash(body.AccessCode!.Trim()),
            parent.Deidentified || (body.Deidentified ?? false), null, null, "patient-via:" + parent.TokenId[..8], null, null));
        await cluster.Session(token).RecordAccessAsync(request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "", "shared onward " + view.TokenId[..8]);
        return TypedResults.Created($"/api/v1/share/{onward}", new OnwardShareResponse(links.PatientPage(onward), view.ExpiresAt, view.Deidentified));
    }

    private static string Kebab(string name) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}

public sealed class VerifyRequest
{
    public string? Code { get; set; }

    public string? AccessCode { get; set; }
}

public sealed class OnwardShareRequest
{
    public int? Days { get; set; }

    public string? AccessCode { get; set; }

    public bool? Deidentified { get; set; }
}

public sealed record OnwardShareResponse(string Url, DateTimeOffset ExpiresAt, bool Deidentified);

public sealed record ShareStatusResponse(
    string State, VerificationMethod Verification, bool NeedsAccessCode, string? Phone, DateTimeOffset ExpiresAt, ShareScope Scope,
    bool Deidentified, DateTimeOffset? LockedUntil);

public sealed record CodeSentResponse(string Phone, DateTimeOffset ExpiresAt);

public sealed record VerifiedResponse(bool Verified, DateTimeOffset Until);

public sealed record SharedStudySummary(string StudyKey, string Modality, string ExamItem, string? Campus, DateTimeOffset RegisteredAt, string? ReportStatus);
