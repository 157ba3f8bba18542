namespace CloudFilm.Api.DicomAdministration.Queries;

/// <summary>DICOM studies waiting in reconciliation, read from the index (<c>dicom_studies</c>, deploy/sql/0030).</summary>
public interface IUnmatchedStudyQueries
{
    /// <summary>Studies unmatched or of another patient than their order, and not linked by staff, newest arrival first.</summary>
    Task<IReadOnlyList<UnmatchedStudy>> ListAsync(int limit, CancellationToken cancellationToken);
}

public sealed record UnmatchedStudy(
    string StudyInstanceUid, string MatchStatus, string AccessionNumber, string PatientId, string IssuerOfPatientId, string PatientName,
    DateOnly? StudyDate, string StudyDescription, string[] Modalities, int SeriesCount, int InstanceCount, DateTimeOffset LastArrival);
