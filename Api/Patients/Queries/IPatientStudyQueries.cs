namespace CloudFilm.Api.Patients.Queries;

/// <summary>A patient's studies, read from the patients and studies query tables (deploy/sql/0005), never from grains.</summary>
public interface IPatientStudyQueries
{
    /// <summary>The patient's studies, newest first, and how many there are in all; null when no patient has the key.</summary>
    Task<PatientStudiesResponse?> ListStudiesAsync(string patientKey, int limit, int offset, CancellationToken cancellationToken);
}

public sealed record PatientStudiesResponse(string PatientKey, long Total, IReadOnlyList<PatientStudySummary> Studies);

public sealed record PatientStudySummary(
    string StudyKey, string AccessionNumber, string Campus, string Department, string Modality, string ExamItem, string BodyPart,
    string Priority, string PatientType, bool Vip, string Status, DateTimeOffset RegisteredAt, DateTimeOffset UpdatedAt);
