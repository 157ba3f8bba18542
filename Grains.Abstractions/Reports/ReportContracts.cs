namespace CloudFilm.Grains.Abstractions.Reports;

/// <summary>Where a report is in its life. A final report makes the cloud film publishable.</summary>
public enum ReportStatus
{
    Preliminary = 0,
    Final = 1,
    Amended = 2,
}

/// <summary>What a reporting system says about an examination (one version of the report).</summary>
[GenerateSerializer, Immutable]
public sealed record ReportContent(
    [property: Id(0)] ReportStatus Status,
    [property: Id(1)] string ExamItem,
    [property: Id(2)] string? ExamType,
    [property: Id(3)] DateTimeOffset? ExamTime,
    [property: Id(4)] string Findings,
    [property: Id(5)] string Impression,
    [property: Id(6)] string? Advice,
    [property: Id(7)] string ReportingDoctor,
    [property: Id(8)] string? ReviewingDoctor,
    [property: Id(9)] DateTimeOffset ReportedAt,
    [property: Id(10)] DateTimeOffset? ReviewedAt,
    [property: Id(11)] string? PdfSha256,
    [property: Id(12)] long? PdfLength);

/// <summary>A report as sent by an external system, with what identifies its study and patient.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportSubmission(
    [property: Id(0)] string SourceSystem,
    [property: Id(1)] Studies.PatientIdentity Patient,
    [property: Id(2)] string AccessionNumber,
    [property: Id(3)] ReportContent Content);

/// <summary>One kept version of a study's report: every amendment is kept, with who sent it and when.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] ReportContent Content,
    [property: Id(2)] string SourceSystem,
    [property: Id(3)] DateTimeOffset ReceivedAt);

/// <summary>What a report submission did.</summary>
public enum ReportOutcome
{
    /// <summary>Stored as a new version.</summary>
    Accepted = 0,

    /// <summary>The same content as the latest version was sent again; nothing changed.</summary>
    Duplicate = 1,

    /// <summary>A preliminary report after a final one, or an amendment before any final: refused.</summary>
    InvalidTransition = 2,

    /// <summary>The patient in the report is not the study's patient: refused.</summary>
    ConflictingPatient = 3,
}

[GenerateSerializer, Immutable]
public sealed record ReportResult(
    [property: Id(0)] ReportOutcome Outcome,
    [property: Id(1)] int? Version,
    [property: Id(2)] bool BecamePublishable,
    [property: Id(3)] string? Reason,
    [property: Id(4)] string? PatientShareToken = null);
