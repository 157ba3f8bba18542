
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Grains.Patients;

/// <summary>The persisted state of a patient (stored as JSON).</summary>
public sealed class PatientState
{
    public PatientIdentity? Identity { get; set; }

    public List<string> StudyKeys { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }
}
