using CloudFilm.Grains.Abstractions.Sharing;

namespace CloudFilm.Grains.Sharing;

/// <summary>The persisted state of a download ticket (JSON).</summary>
public sealed class DownloadTicketState
{
    public DownloadTicket? Ticket { get; set; }

    public int FailedAttempts { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public int Downloads { get; set; }

    public string? GrantHash { get; set; }

    public DateTimeOffset? GrantExpiresAt { get; set; }

    public List<ShareAccess> Log { get; set; } = [];
}
