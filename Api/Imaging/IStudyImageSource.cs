using CloudFilm.Dicom.IO;

namespace CloudFilm.Api.Imaging;

/// <summary>
/// The images of a study (by study key, i.e. accession number) as the pages need them: series with their
/// instances, and an instance opened as a DICOM file. Backed by the archive's index and blob store.
/// </summary>
public interface IStudyImageSource
{
    /// <summary>Every series of the study with its instances, in series and instance order; empty when none arrived.</summary>
    Task<IReadOnlyList<StudyImageSeries>> ListSeriesAsync(string studyKey, CancellationToken cancellationToken);

    /// <summary>Opens an instance of the study; null when the study holds no such instance.</summary>
    Task<DicomFile?> OpenAsync(string studyKey, string sopInstanceUid, CancellationToken cancellationToken);
}

public sealed record StudyImageSeries(
    string SeriesInstanceUid, string Modality, int? Number, string Description, IReadOnlyList<StudyImage> Instances)
{
    /// <summary>Pixels of this series may show names: left out of de-identified links, since pixels are not cleaned here.</summary>
    public bool MayShowTextInPixels => CloudFilm.Dicom.Deidentification.Deidentifier.ModalityMayShowText(Modality);
}

public sealed record StudyImage(string SopInstanceUid, string SopClassUid, int? InstanceNumber, int Frames, long StoredBytes, bool HasPixels);
