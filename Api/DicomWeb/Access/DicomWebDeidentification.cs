using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Deidentification;

namespace CloudFilm.Api.DicomWeb.Access;

/// <summary>
/// The one de-identification of DICOMweb answers for a caller whose <see cref="DicomWebCaller.Deidentify"/> is set:
/// the PS3.15 Basic Profile with the options of share downloads, UIDs retained (option 113110) so every answer stays
/// addressable by the UIDs the caller's next request names. Search results and retrieved instances alike go through it.
/// </summary>
public static class DicomWebDeidentification
{
    private static readonly Deidentifier Deidentifier = new(new DeidentificationOptions { RetainUids = true }, UidMap.Random());

    public static DicomDataset Apply(DicomDataset dataset)
    {
        Deidentifier.Apply(dataset);
        return dataset;
    }
}
