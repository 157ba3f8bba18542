namespace CloudFilm.Grains.Abstractions.Studies;

/// <summary>
/// A study's key is its accession number (unique within the hospital's ordering system). Grain keys carry a
/// prefix so that an accession made only of hex digits is never taken for an integer key by the storage provider.
/// </summary>
public static class StudyKeys
{
    public static string OfAccession(string accessionNumber) => accessionNumber;

    public static string GrainKey(string studyKey) => "study/" + studyKey;
}

/// <summary>A patient's key is "{patient id}@{issuer of patient id}": ids are only unique within their issuer.</summary>
public static class PatientKeys
{
    public static string Of(string patientId, string issuer) => $"{patientId}@{issuer}";

    public static string GrainKey(string patientKey) => "patient/" + patientKey;
}
