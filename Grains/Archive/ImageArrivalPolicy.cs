
using CloudFilm.Grains.Abstractions.Archive;
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Grains.Archive;

/// <summary>The rules for images reaching a study: newest revision wins; identity is patient id + issuer, never the name.</summary>
public static class ImageArrivalPolicy
{
    /// <summary>Whether <paramref name="arrival"/> is newer than what is recorded for its DICOM study.</summary>
    public static bool IsNewer(IReadOnlyDictionary<string, ImageArrival> recorded, ImageArrival arrival) =>
        !recorded.TryGetValue(arrival.StudyInstanceUid, out var known) || known.Revision < arrival.Revision;

    /// <summary>How the images relate to the registered order (null when nothing is registered).</summary>
    public static ImageMatch Match(StudySnapshot? study, ImageArrival arrival)
    {
        if (study is null)
        {
            return ImageMatch.NotRegistered;
        }
        if (arrival.ConfirmedByStaff)
        {
            return ImageMatch.Matched;
        }
        return PatientKeys.Of(arrival.PatientId, arrival.IssuerOfPatientId) == study.Patient.PatientKey
            || (arrival.IssuerOfPatientId.Length == 0 && arrival.PatientId == study.Patient.PatientId)
            ? ImageMatch.Matched
            : ImageMatch.PatientMismatch;
    }
}
