namespace CloudFilm.Api.Sharing.Queries;

/// <summary>The studies a share link opens, read from the studies query table (deploy/sql/0005), never from grains.</summary>
public interface ISharedStudyQueries
{
    /// <summary>The patient's studies, newest first (at most 200).</summary>
    Task<IReadOnlyList<SharedStudyRow>> ListByPatientAsync(string patientKey, CancellationToken cancellationToken);

    /// <summary>The one study, when it is registered.</summary>
    Task<IReadOnlyList<SharedStudyRow>> ListByStudyAsync(string studyKey, CancellationToken cancellationToken);
}

/// <summary>A row as stored; <see cref="SharedStudySummary"/> is what the patient's page gets.</summary>
public sealed record SharedStudyRow(string StudyKey, string Modality, string ExamItem, string Campus, DateTimeOffset RegisteredAt, string? ReportStatus);
