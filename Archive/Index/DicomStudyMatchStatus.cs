namespace CloudFilm.Archive.Index;

/// <summary>How a DICOM study's images relate to the registered order of their accession number (<c>dicom_studies.match_status</c>).</summary>
public enum DicomStudyMatchStatus
{
    /// <summary>Not told to the order's StudyGrain yet (a new study, or one staff just linked).</summary>
    Pending = 0,

    /// <summary>The order is registered and names the same patient.</summary>
    Matched = 1,

    /// <summary>No order is registered under the accession number: waits in reconciliation.</summary>
    Unmatched = 2,

    /// <summary>The order names another patient: waits in reconciliation, never shown with the order.</summary>
    PatientMismatch = 3,
}

/// <summary>
/// <see cref="DicomStudyMatchStatus"/> as stored: written by DicomNode's notifier and by reconciliation links, read by
/// the reconciliation list and merge and by the AI exam push. Spelled out per member, so renaming a member does not
/// rename what is stored (docs/database.md, "Stored vocabularies").
/// </summary>
public static class DicomStudyMatchStatusNames
{
    /// <summary>The statuses of studies that wait in reconciliation (partial index <c>dicom_studies_unmatched</c>).</summary>
    public static IReadOnlyList<DicomStudyMatchStatus> InReconciliation { get; } = [DicomStudyMatchStatus.Unmatched, DicomStudyMatchStatus.PatientMismatch];

    public static string Stored(this DicomStudyMatchStatus status) => status switch
    {
        DicomStudyMatchStatus.Pending => "pending",
        DicomStudyMatchStatus.Matched => "matched",
        DicomStudyMatchStatus.Unmatched => "unmatched",
        DicomStudyMatchStatus.PatientMismatch => "patient-mismatch",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a match status"),
    };
}
