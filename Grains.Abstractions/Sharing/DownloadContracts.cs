namespace CloudFilm.Grains.Abstractions.Sharing;

/// <summary>What a download holds: the original DICOM files (with a DICOMDIR) or one JPEG per image.</summary>
public enum DownloadFormat
{
    Dicom = 0,
    Jpeg = 1,
}

/// <summary>
/// A download made from a share link: its own link plus an extraction code the system generates, so the patient
/// can pass the download on to someone who never verified. Only the code's hash is kept.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DownloadTicket(
    [property: Id(0)] string ShareTokenId,
    [property: Id(1)] string StudyKey,
    [property: Id(2)] DownloadFormat Format,
    [property: Id(3)] bool Deidentified,
    [property: Id(4)] string CodeHash,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] long? ApproximateBytes);

[GenerateSerializer, Immutable]
public sealed record DownloadTicketView(
    [property: Id(0)] string DownloadId,
    [property: Id(1)] DownloadFormat Format,
    [property: Id(2)] bool Deidentified,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] long? ApproximateBytes,
    [property: Id(5)] DateTimeOffset? LockedUntil,
    [property: Id(6)] int Downloads);

/// <summary>Whether a download may start now.</summary>
public enum DownloadCheck
{
    Allowed = 0,
    WrongCode = 1,
    Locked = 2,
    Expired = 3,
    Withdrawn = 4,
    Unknown = 5,
}

[GenerateSerializer, Immutable]
public sealed record DownloadRedemption(
    [property: Id(0)] DownloadCheck Check,
    [property: Id(1)] int AttemptsLeft,
    [property: Id(2)] DownloadTicket? Ticket,
    [property: Id(3)] string? Grant = null);

/// <summary>One download ticket. Key: the download id (random, URL-safe).</summary>
public interface IDownloadTicketGrain : IGrainWithStringKey
{
    Task<DownloadTicketView> CreateAsync(DownloadTicket ticket);

    Task<DownloadTicketView?> GetAsync();

    /// <summary>Checks the extraction code; wrong codes count towards a lock-out, and a withdrawn share withdraws its downloads.</summary>
    Task<DownloadRedemption> RedeemAsync(string? code, string from);

    /// <summary>
    /// Exchanges the one-time grant a successful redemption returned (valid five minutes) for the ticket, so the
    /// browser can fetch the file with a plain link and stream it to disk.
    /// </summary>
    Task<DownloadTicket?> ConsumeGrantAsync(string grant);
}
