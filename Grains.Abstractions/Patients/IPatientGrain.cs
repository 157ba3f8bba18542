using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Grains.Abstractions.Patients;

/// <summary>A patient's identity and the list of their studies. Key: <see cref="PatientKeys.GrainKey"/>.</summary>
public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>Records a study of this patient, taking the identity details of the latest registration.</summary>
    Task RecordStudyAsync(PatientIdentity identity, string studyKey);

    Task<PatientSnapshot?> GetAsync();
}

[GenerateSerializer, Immutable]
public sealed record PatientSnapshot(
    [property: Id(0)] string PatientKey,
    [property: Id(1)] PatientIdentity Identity,
    [property: Id(2)] IReadOnlyList<string> StudyKeys,
    [property: Id(3)] DateTimeOffset UpdatedAt);
