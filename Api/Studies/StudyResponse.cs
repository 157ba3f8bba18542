
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Api.Studies;

/// <summary>A study as the API shows it.</summary>
public sealed record StudyResponse(
    string StudyKey,
    string Status,
    PatientResponse Patient,
    OrderResponse Order,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt,
    int Revision,
    bool Unmatched,
    Grains.Abstractions.Reports.ReportStatus? ReportStatus,
    ImagesSummary? Images = null)
{
    public static StudyResponse From(StudySnapshot study, IReadOnlyList<Grains.Abstractions.Archive.ImageArrival> images) => From(study) with
    {
        Images = new ImagesSummary(images.Count, images.Sum(i => i.SeriesCount), images.Sum(i => i.InstanceCount),
            images.Count == 0 ? null : images.Max(i => i.LastArrival)),
    };

    public static StudyResponse From(StudySnapshot study) => new(
        study.StudyKey,
        study.Status.ToString().ToLowerInvariant(),
        PatientResponse.From(study.Patient),
        new OrderResponse(study.Order.AccessionNumber, study.Order.Campus, study.Order.Department, study.Order.Modality,
            study.Order.ExamItem, study.Order.BodyPart, study.Order.Priority, study.Order.PatientType, study.Order.IsVip),
        study.RegisteredAt,
        study.UpdatedAt,
        study.Revision,
        study.IsUnmatched,
        study.ReportStatus);
}

/// <summary>What the archive holds for the study: DICOM studies, series and instances received, and when the last arrived.</summary>
public sealed record ImagesSummary(int Studies, int Series, int Instances, DateTimeOffset? LastArrival);

public sealed record PatientResponse(string PatientKey, string Id, string Issuer, string Name, string Sex, DateOnly? BirthDate, string? Phone)
{
    public static PatientResponse From(PatientIdentity p) =>
        new(p.PatientKey, p.PatientId, p.Issuer, p.Name, RegisterStudyValidator.SexCode(p.Sex), p.BirthDate, p.Phone);
}

public sealed record OrderResponse(
    string AccessionNumber, string Campus, string Department, string Modality, string ExamItem, string BodyPart,
    StudyPriority Priority, PatientType PatientType, bool Vip);
