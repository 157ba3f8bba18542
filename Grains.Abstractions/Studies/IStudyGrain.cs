namespace CloudFilm.Grains.Abstractions.Studies;

/// <summary>The workflow of one study. Key: <see cref="StudyKeys.GrainKey"/> of the study key.</summary>
public interface IStudyGrain : IGrainWithStringKey
{
    /// <summary>Registers the order. Idempotent: the same registration twice yields one study.</summary>
    Task<RegistrationResult> RegisterAsync(StudyRegistration registration);

    /// <summary>The study, or null when nothing is registered under this key.</summary>
    Task<StudySnapshot?> GetAsync();

    /// <summary>
    /// Stores a report version. A report for a study nobody registered creates the study as unmatched (kept for
    /// reconciliation, never lost). The first final report makes the cloud film publishable and creates the
    /// patient's share session, whose token comes back in the result.
    /// </summary>
    Task<Reports.ReportResult> SubmitReportAsync(Reports.ReportSubmission submission);

    /// <summary>Every version of the report, oldest first.</summary>
    Task<IReadOnlyList<Reports.ReportVersion>> GetReportHistoryAsync();

    /// <summary>The token of the patient's own share session, once the cloud film is published.</summary>
    Task<string?> GetPatientShareTokenAsync();

    /// <summary>
    /// Records what the archive holds of one of the study's DICOM studies (sent by the DICOM front node after its
    /// index rows commit; idempotent by revision). Images for an order nobody registered are kept and reported as
    /// not registered, so they are listed for reconciliation.
    /// </summary>
    Task<Archive.ImageMatch> RecordImagesAsync(Archive.ImageArrival arrival);

    /// <summary>The DICOM studies received for this order, as last recorded, whether or not they match it.</summary>
    Task<IReadOnlyList<Archive.ImageArrival>> GetImagesAsync();

    /// <summary>
    /// The DICOM studies whose images belong to this order: same patient id + issuer as the registered patient, or
    /// linked by staff. What viewers, share links and downloads show; images of another patient under the same
    /// accession number wait in reconciliation and are never shown with this order.
    /// </summary>
    Task<IReadOnlyList<Archive.ImageArrival>> GetMatchedImagesAsync();
}
