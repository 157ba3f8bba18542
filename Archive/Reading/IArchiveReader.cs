using CloudFilm.Dicom.IO;

namespace CloudFilm.Archive.Reading;

/// <summary>
/// Read access to the archive for the Api and the query/retrieve services: a study's series and instances from the
/// index, and one instance opened from the blob store.
/// </summary>
public interface IArchiveReader
{
    /// <summary>The study as indexed, or null when no instance of it was stored.</summary>
    Task<ArchivedStudy?> GetStudyAsync(string studyInstanceUid, CancellationToken cancellationToken);

    /// <summary>Every series of the study, by series number, with their instances by instance number.</summary>
    Task<IReadOnlyList<ArchivedSeries>> ListSeriesAsync(string studyInstanceUid, CancellationToken cancellationToken);

    /// <summary>Every instance of the study, by series then instance number.</summary>
    Task<IReadOnlyList<ArchivedInstance>> ListInstancesAsync(string studyInstanceUid, CancellationToken cancellationToken);

    /// <summary>
    /// The DICOM studies of an order (study key = accession number): those whose accession number is this one, or that
    /// staff linked to it in reconciliation (usually one).
    /// </summary>
    Task<IReadOnlyList<ArchivedStudy>> FindByAccessionAsync(string accessionNumber, CancellationToken cancellationToken);

    /// <summary>Opens a stored instance, pixel data read on demand; null when it is not in the archive.</summary>
    Task<DicomFile?> OpenInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken);

    /// <summary>Every instance of the study opened in turn, in <see cref="ListInstancesAsync"/> order (for downloads and packages).</summary>
    IAsyncEnumerable<DicomFile> ReadStudyAsync(string studyInstanceUid, CancellationToken cancellationToken);
}

public sealed record ArchivedStudy(
    string StudyInstanceUid,
    string PatientId,
    string IssuerOfPatientId,
    string PatientName,
    string AccessionNumber,
    DateOnly? StudyDate,
    string StudyDescription,
    IReadOnlyList<string> Modalities,
    int SeriesCount,
    int InstanceCount,
    DateTimeOffset FirstArrival,
    DateTimeOffset LastArrival,
    string MatchStatus);

public sealed record ArchivedSeries(
    string SeriesInstanceUid,
    string Modality,
    int? SeriesNumber,
    string SeriesDescription,
    string BodyPart,
    IReadOnlyList<ArchivedInstance> Instances);

public sealed record ArchivedInstance(
    string SopInstanceUid,
    string SeriesInstanceUid,
    string SopClassUid,
    int? InstanceNumber,
    int NumberOfFrames,
    int? Rows,
    int? Columns,
    string TransferSyntaxUid,
    long StoredBytes,
    string BlobKey);
