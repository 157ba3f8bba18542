using CloudFilm.Api.Studies;
using CloudFilm.Grains.Abstractions.Reports;

namespace CloudFilm.Api.Reports;

/// <summary>The body of <c>POST /api/v1/studies/{key}/reports</c> (and of the SOAP SubmitReport operation).</summary>
public sealed class SubmitReportRequest
{
    public PatientRequest? Patient { get; set; }

    /// <summary>Optional; when given it must equal the study key in the path.</summary>
    public string? AccessionNumber { get; set; }

    public string? ExamItem { get; set; }

    public string? ExamType { get; set; }

    public DateTimeOffset? ExamTime { get; set; }

    /// <summary>检查所见.</summary>
    public string? Findings { get; set; }

    /// <summary>诊断结论.</summary>
    public string? Impression { get; set; }

    public string? Advice { get; set; }

    public string? ReportingDoctor { get; set; }

    public string? ReviewingDoctor { get; set; }

    public DateTimeOffset? ReportedAt { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public ReportStatus? Status { get; set; }

    /// <summary>The report as PDF, base64.</summary>
    public string? Pdf { get; set; }
}
