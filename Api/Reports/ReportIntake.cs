using CloudFilm.Api.Messaging;
using CloudFilm.Api.Sharing;
using CloudFilm.Grains.Abstractions.Reports;
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Api.Reports;

/// <summary>
/// Takes a report from an external system (REST or SOAP): validates it, keeps its PDF, hands it to the study's
/// grain, and when it is the first final report tells the patient by SMS that the cloud film is ready.
/// </summary>
public sealed class ReportIntake(
    IClusterClient cluster, ReportDocuments documents, ISmsGateway sms, ShareLinks links, TimeProvider clock, ILogger<ReportIntake> logger)
{
    public async Task<ReportResult> SubmitAsync(string studyKey, SubmitReportRequest request, string system, CancellationToken cancellationToken)
    {
        var (submission, pdf) = SubmitReportValidator.Validate(studyKey, request, system, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        if (pdf is not null)
        {
            await documents.StoreAsync(submission.Content.PdfSha256!, pdf, cancellationToken);
        }

        var result = await cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(studyKey)).SubmitReportAsync(submission);
        logger.LogInformation("Report for study {StudyKey} from {System}: {Outcome} (version {Version}, {Status})",
            studyKey, system, result.Outcome, result.Version, submission.Content.Status);

        if (result.PatientShareToken is { } token && submission.Patient.Phone is { } phone)
        {
            try
            {
                await sms.SendAsync(new SmsMessage(phone, links.ReadyNotification(token), "report-ready"), cancellationToken);
            }
            catch (Exception e) when (e is SmsNotSentException or HttpRequestException or TaskCanceledException)
            {
                // The report is stored and the link works; a failed notification must not fail the report.
                logger.LogWarning("Could not send the cloud film notification for study {StudyKey}: {Error}", studyKey, e.Message);
            }
        }
        return result;
    }
}
