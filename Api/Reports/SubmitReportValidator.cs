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
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (request.Patient is null)
        {
            Fail("patient", "Required: the report must say whose it is.");
        }
        else
        {
            RegisterStudyValidator.ValidatePatient(request.Patient, "patient", today, Fail);
        }
        if (request.AccessionNumber is { } accession && accession.Trim() != studyKey)
        {
            Fail("accessionNumber", $"Does not match the study key in the path ({studyKey}).");
        }
        RegisterStudyValidator.RequireText(request.ExamItem, "examItem", 64, Fail);
        Require(request.Findings, "findings", 20_000, Fail);
        Require(request.Impression, "impression", 20_000, Fail);
        if (request.Advice is { Length: > 20_000 })
        {
            Fail("advice", "At most 20000 characters.");
        }
        RegisterStudyValidator.RequireText(request.ReportingDoctor, "reportingDoctor", 64, Fail);
        if (request.ReviewingDoctor is not null)
        {
            RegisterStudyValidator.OptionalText(request.ReviewingDoctor, "reviewingDoctor", 64, Fail);
        }
        if (request.ReportedAt is null)
        {
            Fail("reportedAt", "Required.");
        }
        if (request.Status is null)
        {
            Fail("status", "Required: preliminary, final or amended.");
        }
        if (request.Status is ReportStatus.Final or ReportStatus.Amended && request.ReviewedAt is not null && request.ReportedAt is { } r && request.ReviewedAt < r)
        {
            Fail("reviewedAt", "Must not be before reportedAt.");
        }

        byte[]? pdf = null;
        if (request.Pdf is { } base64)
        {
            try
            {
                pdf = Convert.FromBase64String(base64);
                if (pdf.Length > MaxPdfBytes)
                {
                    Fail("pdf", $"At most {MaxPdfBytes / 1024 / 1024} MB.");
                }
                else if (pdf.Length < 5 || pdf[0] != '%' || pdf[1] != 'P' || pdf[2] != 'D' || pdf[3] != 'F')
                {
                    Fail("pdf", "Must be a PDF document (it does not start with %PDF).");
                }
            }
            catch (FormatException)
            {
                Fail("pdf", "Must be base64.");
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var content = new ReportContent(
            request.Status!.Value, request.ExamItem!.Trim(), request.ExamType?.Trim(), request.ExamTime,
            request.Findings!, request.Impression!, request.Advice, request.ReportingDoctor!.Trim(), request.ReviewingDoctor?.Trim(),
            request.ReportedAt!.Value, request.ReviewedAt,
            pdf is null ? null : Convert.ToHexStringLower(SHA256.HashData(pdf)), pdf?.LongLength);
        return (new ReportSubmission(sourceSystem, RegisterStudyValidator.ToIdentity(request.Patient!), studyKey, content), pdf);
    }

    private static void Require(string? value, string field, int max, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            fail(field, "Required.");
        }
        else if (value.Length > max)
        {
            fail(field, $"At most {max} characters.");
        }
    }
}
