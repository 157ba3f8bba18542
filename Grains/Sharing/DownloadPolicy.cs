using System.Security.Cryptography;
using System.Text;
using CloudFilm.Grains.Abstractions.Sharing;

namespace CloudFilm.Grains.Sharing;

/// <summary>
/// The rules of a download ticket: the code must match, the ticket must be in date, five wrong codes lock it for a
/// while, and a download never outlives the share it came from.
/// </summary>
public static class DownloadPolicy
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    public static DownloadRedemption Redeem(DownloadTicketState state, string? code, bool shareStillOpen, DateTimeOffset now)
    {
        if (state.Ticket is not { } ticket)
        {
            return new DownloadRedemption(DownloadCheck.Unknown, 0, null);
        }
        if (!shareStillOpen)
        {
            return new DownloadRedemption(DownloadCheck.Withdrawn, 0, null);
        }
        if (now >= ticket.ExpiresAt)
        {
            return new DownloadRedemption(DownloadCheck.Expired, 0, null);
        }
        if (state.LockedUntil is { } locked)
        {
            if (now < locked)
            {
                return new DownloadRedemption(DownloadCheck.Locked, 0, null);
            }
            state.LockedUntil = null;
            state.FailedAttempts = 0;
        }
        var ok = code is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(DownloadCodes.Hash(code)), Encoding.ASCII.GetBytes(ticket.CodeHash));
        if (!ok)
        {
            state.FailedAttempts++;
            if (state.FailedAttempts >= MaxFailedAttempts)
            {
                state.LockedUntil = now + LockDuration;
                return new DownloadRedemption(DownloadCheck.Locked, 0, null);
            }
            return new DownloadRedemption(DownloadCheck.WrongCode, MaxFailedAttempts - state.FailedAttempts, null);
        }
        state.FailedAttempts = 0;
        state.Downloads++;
        return new DownloadRedemption(DownloadCheck.Allowed, MaxFailedAttempts, ticket);
    }
}
