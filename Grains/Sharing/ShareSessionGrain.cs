using CloudFilm.Grains.Abstractions.Sharing;
using Orleans.Runtime;

namespace CloudFilm.Grains.Sharing;

public sealed class ShareSessionGrain(
    [PersistentState("share", GrainStorage.Name)] IPersistentState<ShareSessionState> state,
    SharePolicy policy,
    TimeProvider clock) : Grain, IShareSessionGrain
{
    public async Task<ShareSessionView> CreateAsync(ShareSettings settings)
    {
        if (state.State.Settings is { } existing)
        {
            return existing == settings
                ? View()!
                : throw new InvalidOperationException("a share session with this token already exists with other settings");
        }
        state.State.Settings = settings;
        state.State.CreatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        return View()!;
    }

    public Task<ShareSessionView?> GetAsync() => Task.FromResult(View());

    public Task<ShareAccessState> CheckAsync(string? viewerProof) =>
        Task.FromResult(policy.ViewerState(state.State, viewerProof, clock.GetUtcNow()));

    public async Task<IssuedCode> IssueCodeAsync()
    {
        var issued = policy.IssueCode(state.State, clock.GetUtcNow());
        if (issued.Code is not null)
        {
            await state.WriteStateAsync();
        }
        return issued;
    }

    public async Task<(VerificationResult Result, string? ViewerProof)> VerifyAsync(string? code, string? accessCode, string? from)
    {
        var now = clock.GetUtcNow();
        var result = policy.Verify(state.State, code, accessCode, now, out var proof);
        if (state.State.Settings is not null)
        {
            Log(now, from ?? "", result.Verified ? "verified" : $"verification failed ({result.State})");
            await state.WriteStateAsync();
        }
        return (result, proof);
    }

    public async Task RevokeAsync(string by)
    {
        if (state.State.Settings is null || state.State.Revoked)
        {
            return;
        }
        state.State.Revoked = true;
        state.State.RevokedBy = by;
        state.State.Proofs.Clear();
        Log(clock.GetUtcNow(), by, "revoked");
        await state.WriteStateAsync();
    }

    public async Task RecordAccessAsync(string from, string what)
    {
        if (state.State.Settings is null)
        {
            return;
        }
        Log(clock.GetUtcNow(), from, what);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<ShareAccess>> GetAccessLogAsync() => Task.FromResult<IReadOnlyList<ShareAccess>>([.. state.State.AccessLog]);

    private void Log(DateTimeOffset at, string from, string what)
    {
        state.State.AccessLog.Add(new ShareAccess(at, from, what));
        if (state.State.AccessLog.Count > policy.Options.MaxAccessLog)
        {
            state.State.AccessLog.RemoveAt(0);
        }
    }

    private ShareSessionView? View()
    {
        var s = state.State;
        return s.Settings is not { } settings
            ? null
            : new ShareSessionView(this.GetPrimaryKeyString(), settings.Scope, settings.StudyKey, settings.PatientKey, s.CreatedAt,
                settings.ExpiresAt, settings.Verification, settings.AccessCodeHash is not null, settings.Deidentified, s.Revoked,
                s.FailedAttempts, s.LockedUntil, settings.CreatedBy);
    }
}
