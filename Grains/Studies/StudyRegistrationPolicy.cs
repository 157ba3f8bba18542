using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Grains.Studies;

/// <summary>
/// Decides what a registration of an accession does to the study already held under it. Ordering systems
/// resend orders (retries, corrections): a repeat is a no-op, a correction of the order details updates the
/// study, and a different patient under the same accession is refused — accession numbers identify one
/// patient's examination, and silently moving a study between patients is how images end up in the wrong record.
/// </summary>
public static class StudyRegistrationPolicy
{
    public static RegistrationOutcome Decide(StudySnapshot? current, StudyRegistration registration)
    {
        if (current is null)
        {
            return RegistrationOutcome.Created;
        }
        if (current.Patient.PatientKey != registration.Patient.PatientKey)
        {
            return RegistrationOutcome.ConflictingPatient;
        }
        return current.Patient == registration.Patient && current.Order == registration.Order
            ? RegistrationOutcome.Unchanged
            : RegistrationOutcome.Updated;
    }
}
