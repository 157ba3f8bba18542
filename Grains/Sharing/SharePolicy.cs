using System.Security.Cryptography;
using System.Text;
using CloudFilm.Grains.Abstractions.Sharing;

namespace CloudFilm.Grains.Sharing;

/// <summary>
/// The rules of a share session, as a plain class: who may see it now, how verification attempts count, when it
/// locks. Grains hold the state and call these; tests drive them with a fixed clock.
/// </summary>
public sealed class SharePolicy(SharePolicyOptions options)
{
    public SharePolicyOptions Options { get; } = options;

    /// <summary>Whether the session lets anyone in now, before looking at the viewer.</summary>
    public ShareAccessState SessionState(ShareSessionState state, DateTimeOffset now)
    {
        if (state.Settings is not { } settings)
        {
            return ShareAccessState.Unknown;
        }
        if (state.Revoked)
        {
            return ShareAccessState.Revoked;
        }
        if (now >= settings.ExpiresAt)
        {
            return ShareAccessState.Expired;
        }
        if (state.LockedUntil is { } locked && now < locked)
        {
            return ShareAccessState.Locked;
        }
        if (!WithinViewingHours(settings, now))
        {
            return ShareAccessState.OutsideViewingHours;
        }
        return NeedsVerification(settings) ? ShareAccessState.NeedsVerification : ShareAccessState.Open;
    }

    /// <summary>Whether a viewer holding <paramref name="proof"/> may see the content now.</summary>
    public ShareAccessState ViewerState(ShareSessionState state, string? proof, DateTimeOffset now)
    {
        var session = SessionState(state, now);
        if (session != ShareAccessState.NeedsVerification)
        {
            return session;
        }
        if (proof is null)
        {
            return ShareAccessState.NeedsVerification;
        }
        var hash = Hash(proof);
        return state.Proofs.Any(p => p.Hash == hash && p.ExpiresAt > now) ? ShareAccessState.Open : ShareAccessState.NeedsVerification;
    }

    public static bool NeedsVerification(ShareSettings settings) =>
        settings.Verification != VerificationMethod.None || settings.AccessCodeHash is not null;

    /// <summary>
    /// Checks the factors the session requires. Every factor that is required must match; a wrong answer counts as
    /// one failed attempt, and the session locks for <see cref="SharePolicyOptions.LockDuration"/> after
    /// <see cref="SharePolicyOptions.MaxFailedAttempts"/> of them.
    /// </summary>
    public VerificationResult Verify(ShareSessionState state, string? code, string? accessCode, DateTimeOffset now, out string? proof)
    {
        proof = null;
        var session = SessionState(state, now);
        if (session is not (ShareAccessState.NeedsVerification or ShareAccessState.Open))
        {
            return new VerificationResult(false, session, AttemptsLeft(state), state.LockedUntil, null);
        }
        if (state.LockedUntil is { } expiredLock && now >= expiredLock)
        {
            state.LockedUntil = null;
            state.FailedAttempts = 0;
        }

        var settings = state.Settings!;
        var ok = true;
        if (settings.AccessCodeHash is { } accessHash)
        {
            ok &= accessCode is not null && FixedEquals(Hash(accessCode.Trim()), accessHash);
        }
        switch (settings.Verification)
        {
            case VerificationMethod.Sms:
                ok &= code is not null && state.CodeHash is not null && state.CodeExpiresAt > now && FixedEquals(Hash(code.Trim()), state.CodeHash);
                break;
            case VerificationMethod.IdCardDigits:
                ok &= code is not null && settings.IdCardDigitsHash is not null && FixedEquals(Hash(code.Trim().ToUpperInvariant()), settings.IdCardDigitsHash);
                break;
        }

        if (!ok)
        {
            state.FailedAttempts++;
            if (state.FailedAttempts >= Options.MaxFailedAttempts)
            {
                state.LockedUntil = now + Options.LockDuration;
                return new VerificationResult(false, ShareAccessState.Locked, 0, state.LockedUntil, null);
            }
            return new VerificationResult(false, ShareAccessState.NeedsVerification, AttemptsLeft(state), null, null);
        }

        state.FailedAttempts = 0;
        if (settings.Verification == VerificationMethod.Sms)
        {
            // One-time: a code lets one viewer in once.
            state.CodeHash = null;
            state.CodeExpiresAt = null;
        }
        proof = NewSecret(16);
        var until = Min(settings.ExpiresAt, now + Options.ViewerProofLifetime);
        state.Proofs.RemoveAll(p => p.ExpiresAt <= now);
        state.Proofs.Add(new ViewerProof(Hash(proof), until));
        if (state.Proofs.Count > Options.MaxViewers)
        {
            state.Proofs.RemoveAt(0);
        }
        return new VerificationResult(true, ShareAccessState.Open, Options.MaxFailedAttempts, null, until);
    }

    /// <summary>Issues a fresh 6-digit code for SMS verification; the previous one stops working.</summary>
    public IssuedCode IssueCode(ShareSessionState state, DateTimeOffset now)
    {
        var session = SessionState(state, now);
        if (session != ShareAccessState.NeedsVerification || state.Settings!.Verification != VerificationMethod.Sms || state.Settings.PhoneOnFile is null)
        {
            return new IssuedCode(session == ShareAccessState.NeedsVerification ? ShareAccessState.Unknown : session, null, null, null);
        }
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        state.CodeHash = Hash(code);
        state.CodeExpiresAt = now + Options.CodeLifetime;
        return new IssuedCode(ShareAccessState.NeedsVerification, code, state.Settings.PhoneOnFile, state.CodeExpiresAt);
    }

    public bool WithinViewingHours(ShareSettings settings, DateTimeOffset now)
    {
        if (settings.ViewFrom is not { } from || settings.ViewUntil is not { } until)
        {
            return true;
        }
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Options.TimeZone).DateTime);
        return from <= until ? local >= from && local < until : local >= from || local < until;
    }

    public int AttemptsLeft(ShareSessionState state) => Math.Max(0, Options.MaxFailedAttempts - state.FailedAttempts);

    public static string Hash(string secret) => ShareTokens.Hash(secret);

    public static string NewSecret(int bytes) => ShareTokens.NewSecret(bytes);

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

/// <summary>The tunable numbers of <see cref="SharePolicy"/>.</summary>
public sealed record SharePolicyOptions
{
    public int MaxFailedAttempts { get; init; } = 5;

    public TimeSpan LockDuration { get; init; } = TimeSpan.FromMinutes(15);

    public TimeSpan CodeLifetime { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan ViewerProofLifetime { get; init; } = TimeSpan.FromHours(12);

    public int MaxViewers { get; init; } = 20;

    public int MaxAccessLog { get; init; } = 500;

    /// <summary>The hospital's time zone, for viewing hours.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
}
