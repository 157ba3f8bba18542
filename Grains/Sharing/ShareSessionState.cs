using CloudFilm.Grains.Abstractions.Sharing;

namespace CloudFilm.Grains.Sharing;

/// <summary>The persisted state of a share session (JSON). Secrets are kept only as hashes.</summary>
public sealed class ShareSessionState
{
    public ShareSettings? Settings { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public bool Revoked { get; set; }

    public string? RevokedBy { get; set; }

    public int FailedAttempts { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public string? CodeHash { get; set; }

    public DateTimeOffset? CodeExpiresAt { get; set; }

    /// <summary>Hashes of the proofs handed to verified viewers, with their expiry.</summary>
    public List<ViewerProof> Proofs { get; set; } = [];

    public List<ShareAccess> AccessLog { get; set; } = [];
}

public sealed record ViewerProof(string Hash, DateTimeOffset ExpiresAt);
