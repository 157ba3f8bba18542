namespace CloudFilm.Grains.Abstractions.Sharing;

/// <summary>
/// One share link / QR session. Key: the token id (a hash of the token, so grain keys in logs and storage never
/// reveal the token itself).
/// </summary>
public interface IShareSessionGrain : IGrainWithStringKey
{
    /// <summary>Creates the session. Idempotent for the same settings; a second create with other settings fails.</summary>
    Task<ShareSessionView> CreateAsync(ShareSettings settings);

    Task<ShareSessionView?> GetAsync();

    /// <summary>Whether a viewer with this verification proof may see the content now.</summary>
    Task<ShareAccessState> CheckAsync(string? viewerProof);

    /// <summary>Issues a new 6-digit code for SMS verification (stored hashed; the previous code stops working).</summary>
    Task<IssuedCode> IssueCodeAsync();

    /// <summary>
    /// Checks a code, an access code or ID digits. A success returns a viewer proof (kept by the browser) valid
    /// until the session expires; failures count towards the lock-out.
    /// </summary>
    Task<(VerificationResult Result, string? ViewerProof)> VerifyAsync(string? code, string? accessCode, string? from);

    Task RevokeAsync(string by);

    Task RecordAccessAsync(string from, string what);

    Task<IReadOnlyList<ShareAccess>> GetAccessLogAsync();
}
