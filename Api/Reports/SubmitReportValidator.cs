using System.Security.Cryptography;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Studies;
using CloudFilm.Grains.Abstractions.Reports;

namespace CloudFilm.Api.Reports;

/// <summary>Checks a report submission, naming every offending field, and builds the domain submission.</summary>
public static class SubmitReportValidator
{
    /// <summary>Largest PDF accepted with a report (bytes).</summary>
    public const int MaxPdfBytes = 20 * 1024 * 1024;

    public static (ReportSubmission Submission, byte[]? Pdf) Validate(string studyKey, SubmitReportRequest request, string sourceSystem, DateOnly today)
    {
        var errors = new RequestErrors();

        if (request.Patient is null)
        {
            errors.Add("patient", "Required: the report must say whose it is.");
        }
        else
        {
            RegisterStudyValidator.ValidatePatient(request.Patient, "patient", today, errors);
        }
        if (request.AccessionNumber is { } accession && accession.Trim() != studyKey)
        {
            errors.Add("accessionNumber", $"Does not match the study key in the path ({studyKey}).");
        }
        RegisterStudyValidator.RequireText(request.ExamItem, "examItem", 64, errors);
        Require(request.Findings, "findings", 20_000, errors);
        Require(request.Impression, "impression", 20_000, errors);
        if (request.Advice is { Length: > 20_000 })
        {
            errors.Add("advice", "At most 20000 characters.");
        }
        RegisterStudyValidator.RequireText(request.ReportingDoctor, "reportingDoctor", 64, errors);
        if (request.ReviewingDoctor is not null)
        {
            RegisterStudyValidator.OptionalText(request.ReviewingDoctor, "reviewingDoctor", 64, errors);
        }
        if (request.ReportedAt is null)
        {
            errors.Add("reportedAt", "Required.");
        }
        if (request.Status is null)
        {
            errors.Add("status", "Required: preliminary, final or amended.");
        }
        if (request.Status is ReportStatus.Final or ReportStatus.Amended && request.ReviewedAt is not null && request.ReportedAt is { } r && request.ReviewedAt < r)
        {
            errors.Add("reviewedAt", "Must not be before reportedAt.");
        }

        byte[]? pdf = null;
        if (request.Pdf is { } base64)
        {
            try
            {
                pdf = Convert.FromBase64String(base64);
                if (pdf.Length > MaxPdfBytes)
                {
                    errors.Add("pdf", $"At most {MaxPdfBytes / 1024 / 1024} MB.");
                }
                else if (pdf.Length < 5 || pdf[0] != '%' || pdf[1] != 'P' || pdf[2] != 'D' || pdf[3] != 'F')
                {
                    errors.Add("pdf", "Must be a PDF document (it does not start with %PDF).");
                }
            }
            catch (FormatException)
            {
                errors.Add("pdf", "Must be base64.");
            }
        }

        errors.ThrowIfAny();

        var content = new ReportContent(
            request.Status!.Value, request.ExamItem!.Trim(), request.ExamType?.Trim(), request.ExamTime,
            request.Findings!, request.Impression!, request.Advice, request.ReportingDoctor!.Trim(), request.ReviewingDoctor?.Trim(),
            request.ReportedAt!.Value, request.ReviewedAt,
            pdf is null ? null : Convert.ToHexStringLower(SHA256.HashData(pdf)), pdf?.LongLength);
        return (new ReportSubmission(sourceSystem, RegisterStudyValidator.ToIdentity(request.Patient!), studyKey, content), pdf);
    }

    private static void Require(string? value, string field, int max, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "Required.");
        }
        else if (value.Length > max)
        {
            errors.Add(field, $"At most {max} characters.");
        }
    }
}
