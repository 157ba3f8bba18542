namespace CloudFilm.Api.DicomWeb.Retrieve;

/// <summary>The stored instances a WADO-RS or WADO-URI request names, read from the archive's index in one round trip.</summary>
public interface IRetrieveQueries
{
    /// <summary>
    /// The instances of a study, or of one series of it, or the one instance (null series/instance: all), in series and
    /// instance order; empty when none match (also when the series or instance belongs to another study).
    /// </summary>
    Task<IReadOnlyList<StoredInstance>> FindAsync(string studyInstanceUid, string? seriesInstanceUid, string? sopInstanceUid, CancellationToken cancellationToken);
}

/// <summary>One stored instance as the index knows it: where its copy is, in which syntax, since when.</summary>
public sealed record StoredInstance(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopInstanceUid,
    string SopClassUid,
    int NumberOfFrames,
    bool HasPixels,
    string TransferSyntaxUid,
    long StoredBytes,
    string BlobKey,
    DateTimeOffset ReceivedAt,
    string Modality)
{
    /// <summary>
    /// The identity of the stored copy: a compression, a replacing duplicate or a merge changes it. Caches and entity
    /// tags key on it, so they never answer for another copy.
    /// </summary>
    public string Identity => $"{BlobKey}|{StoredBytes}|{TransferSyntaxUid}|{ReceivedAt.UtcTicks}";

    /// <summary>The pixels may show names (ultrasound, captures…): left out of de-identified answers, as the cloud film does.</summary>
    public bool MayShowTextInPixels => Dicom.Deidentification.Deidentifier.ModalityMayShowText(Modality);
}
