using CloudFilm.Grains.Abstractions.Sharing;
using Orleans.Runtime;

namespace CloudFilm.Grains.Sharing;

public sealed class DownloadTicketGrain(
    [PersistentState("download", GrainStorage.Name)] IPersistentState<DownloadTicketState> state,
    TimeProvider clock) : Grain, IDownloadTicketGrain
{
    public async Task<DownloadTicketView> CreateAsync(DownloadTicket ticket)
    {
        if (state.State.Ticket is null)
        {
            state.State.Ticket = ticket;
            await state.WriteStateAsync();
        }
        else if (state.State.Ticket != ticket)
        {
            throw new InvalidOperationException("a download with this id already exists");
        }
        return View()!;
    }

    public Task<DownloadTicketView?> GetAsync() => Task.FromResult(View());

    public async Task<DownloadRedemption> RedeemAsync(string? code, string from)
    {
        if (state.State.Ticket is not { } ticket)
        {
            return new DownloadRedemption(DownloadCheck.Unknown, 0, null);
        }
        var share = await GrainFactory.GetGrain<IShareSessionGrain>(ticket.ShareTokenId).GetAsync();
        var now = clock.GetUtcNow();
        var open = share is not null && !share.Revoked && now < share.ExpiresAt;
        var result = DownloadPolicy.Redeem(state.State, code, open, now);
        state.State.Log.Add(new ShareAccess(now, from, result.Check.ToString()));
        if (state.State.Log.Count > 200)
        {
            state.State.Log.RemoveAt(0);
        }
        string? grant = null;
        if (result.Check == DownloadCheck.Allowed)
        {
            grant = ShareTokens.NewSecret();
            state.State.GrantHash = ShareTokens.Hash(grant);
            state.State.GrantExpiresAt = now.AddMinutes(5);
        }
        await state.WriteStateAsync();
        if (grant is not null)
        {
            await GrainFactory.GetGrain<IShareSessionGrain>(ticket.ShareTokenId).RecordAccessAsync(from, $"download {ticket.Format} {ticket.StudyKey}");
        }
        return result with { Grant = grant };
    }

    public async Task<DownloadTicket?> ConsumeGrantAsync(string grant)
    {
        var s = state.State;
        if (s.Ticket is null || s.GrantHash is null || s.GrantExpiresAt <= clock.GetUtcNow() || ShareTokens.Hash(grant) != s.GrantHash)
        {
            return null;
        }
        s.GrantHash = null;
        s.GrantExpiresAt = null;
        await state.WriteStateAsync();
        return s.Ticket;
    }

    private DownloadTicketView? View() => state.State.Ticket is { } t
        ? new DownloadTicketView(this.GetPrimaryKeyString(), t.Format, t.Deidentified, t.ExpiresAt, t.ApproximateBytes, state.State.LockedUntil, state.State.Downloads)
        : null;
}
