namespace CloudFilm.Grains.Studies;

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
}
