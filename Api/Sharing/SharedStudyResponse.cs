
using CloudFilm.Grains.Abstractions.Reports;
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Api.Sharing;

/// <summary>
/// A study as a share link shows it. De-identified (PS3.15 basic profile in spirit): the name is replaced, and ids,
/// birth date, phone and institution are left out; what the reader needs (sex, age at the exam, the exam and the
/// report) stays.
/// </summary>
public sealed record SharedStudyResponse(
    string StudyKey,
    SharedPatient Patient,
    string Modality,
    string ExamItem,
    string BodyPart,
    string? Campus,
    string? Department,
    DateTimeOffset RegisteredAt,
    SharedReport? Report)
{
    public const string AnonymousName = "匿名 Anonymous";

    public static SharedStudyResponse From(StudySnapshot study, ReportVersion? report, bool deidentified)
    {
        var p = study.Patient;
        int? age = p.BirthDate is { } birth ? AgeAt(birth, DateOnly.FromDateTime(study.RegisteredAt.UtcDateTime)) : null;
        var patient = deidentified
            ? new SharedPatient(AnonymousName, null, Studies.RegisterStudyValidator.SexCode(p.Sex), null, age)
            : new SharedPatient(p.Name, p.PatientId, Studies.RegisterStudyValidator.SexCode(p.Sex), p.BirthDate, age);
        var r = report?.Content;
        return new SharedStudyResponse(study.StudyKey, patient, study.Order.Modality, study.Order.ExamItem, study.Order.BodyPart,
            deidentified ? null : study.Order.Campus, deidentified ? null : study.Order.Department, study.RegisteredAt,
            r is null ? null : new SharedReport(report!.Version, r.Status, r.ExamType, r.ExamTime, r.Findings, r.Impression, r.Advice,
                deidentified ? null : r.ReportingDoctor, deidentified ? null : r.ReviewingDoctor, r.ReportedAt, r.ReviewedAt));
    }

    private static int AgeAt(DateOnly birth, DateOnly day) =>
        day.Year - birth.Year - (day.Month < birth.Month || (day.Month == birth.Month && day.Day < birth.Day) ? 1 : 0);
}

public sealed record SharedPatient(string Name, string? PatientId, string Sex, DateOnly? BirthDate, int? Age);

public sealed record SharedReport(
    int Version, ReportStatus Status, string? ExamType, DateTimeOffset? ExamTime, string Findings, string Impression, string? Advice,
    string? ReportingDoctor, string? ReviewingDoctor, DateTimeOffset ReportedAt, DateTimeOffset? ReviewedAt);
