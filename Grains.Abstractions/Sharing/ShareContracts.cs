namespace CloudFilm.Grains.Abstractions.Sharing;

/// <summary>What a share session opens: one study, or every study of a patient.</summary>
public enum ShareScope
{
    Study = 0,
    Patient = 1,
}

/// <summary>How the person opening a share link proves who they are.</summary>
public enum VerificationMethod
{
    /// <summary>Nothing beyond the link (and the access code, if one is set).</summary>
    None = 0,

    /// <summary>A one-time code sent by SMS to the phone number on file.</summary>
    Sms = 1,

    /// <summary>The last digits of the patient's ID card number.</summary>
    IdCardDigits = 2,
}

/// <summary>The settings of a share session, fixed when it is created.</summary>
[GenerateSerializer, Immutable]
public sealed record ShareSettings(
    [property: Id(0)] ShareScope Scope,
    [property: Id(1)] string StudyKey,
    [property: Id(2)] string PatientKey,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] VerificationMethod Verification,
    [property: Id(5)] string? AccessCodeHash,
    [property: Id(6)] bool Deidentified,
    [property: Id(7)] TimeOnly? ViewFrom,
    [property: Id(8)] TimeOnly? ViewUntil,
    [property: Id(9)] string CreatedBy,
    [property: Id(10)] string? PhoneOnFile,
    [property: Id(11)] string? IdCardDigitsHash);

/// <summary>A share session as staff see it (no secrets).</summary>
[GenerateSerializer, Immutable]
public sealed record ShareSessionView(
    [property: Id(0)] string TokenId,
    [property: Id(1)] ShareScope Scope,
    [property: Id(2)] string StudyKey,
    [property: Id(3)] string PatientKey,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] VerificationMethod Verification,
    [property: Id(7)] bool HasAccessCode,
    [property: Id(8)] bool Deidentified,
    [property: Id(9)] bool Revoked,
    [property: Id(10)] int FailedAttempts,
    [property: Id(11)] DateTimeOffset? LockedUntil,
    [property: Id(12)] string CreatedBy);

/// <summary>One line of a share session's access log.</summary>
[GenerateSerializer, Immutable]
public sealed record ShareAccess(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string From,
    [property: Id(2)] string What);

/// <summary>Why access is or is not granted right now.</summary>
public enum ShareAccessState
{
    Open = 0,
    NeedsVerification = 1,
    Expired = 2,
    Revoked = 3,
    Locked = 4,
    OutsideViewingHours = 5,
    Unknown = 6,
}

/// <summary>The result of a verification attempt or of issuing a code.</summary>
[GenerateSerializer, Immutable]
public sealed record VerificationResult(
    [property: Id(0)] bool Verified,
    [property: Id(1)] ShareAccessState State,
    [property: Id(2)] int AttemptsLeft,
    [property: Id(3)] DateTimeOffset? LockedUntil,
    [property: Id(4)] DateTimeOffset? VerifiedUntil);

/// <summary>A code to send by SMS, with the number it goes to (only ever the number on file).</summary>
[GenerateSerializer, Immutable]
public sealed record IssuedCode(
    [property: Id(0)] ShareAccessState State,
    [property: Id(1)] string? Code,
    [property: Id(2)] string? Phone,
    [property: Id(3)] DateTimeOffset? ExpiresAt);
