using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Grains.Studies;

namespace CloudFilm.Grains.Tests.Studies;

public class StudyRegistrationPolicyTests
{
    private static StudySnapshot Existing(StudyRegistration r) =>
        new("A1", r.Patient, r.Order, StudyStatus.Registered, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1);

    [Fact]
    public void First_registration_creates_the_study() =>
        StudyRegistrationPolicy.Decide(null, StudyRegistrations.Chest("A1")).Should().Be(RegistrationOutcome.Created);

    [Fact]
    public void The_same_registration_again_changes_nothing()
    {
        var registration = StudyRegistrations.Chest("A1");
        StudyRegistrationPolicy.Decide(Existing(registration), registration).Should().Be(RegistrationOutcome.Unchanged);
    }

    [Fact]
    public void A_corrected_order_for_the_same_patient_updates_the_study()
    {
        var registration = StudyRegistrations.Chest("A1");
        var corrected = registration with { Order = registration.Order with { Priority = StudyPriority.Urgent } };
        StudyRegistrationPolicy.Decide(Existing(registration), corrected).Should().Be(RegistrationOutcome.Updated);
    }

    [Fact]
    public void Corrected_patient_details_with_the_same_identity_update_the_study()
    {
        var registration = StudyRegistrations.Chest("A1");
        var corrected = registration with { Patient = registration.Patient with { Phone = "13900139000" } };
        StudyRegistrationPolicy.Decide(Existing(registration), corrected).Should().Be(RegistrationOutcome.Updated);
    }

    [Fact]
    public void Another_patient_under_the_same_accession_is_refused()
    {
        var registration = StudyRegistrations.Chest("A1");
        StudyRegistrationPolicy.Decide(Existing(registration), StudyRegistrations.Chest("A1", patientId: "P0002"))
            .Should().Be(RegistrationOutcome.ConflictingPatient);
    }

    [Fact]
    public void The_same_patient_id_from_another_issuer_is_another_patient()
    {
        var registration = StudyRegistrations.Chest("A1");
        StudyRegistrationPolicy.Decide(Existing(registration), StudyRegistrations.Chest("A1", issuer: "CAMPUS2"))
            .Should().Be(RegistrationOutcome.ConflictingPatient);
    }

    [Fact]
    public void A_name_change_alone_does_not_change_who_the_patient_is()
    {
        var registration = StudyRegistrations.Chest("A1");
        StudyRegistrationPolicy.Decide(Existing(registration), StudyRegistrations.Chest("A1", name: "张叁"))
            .Should().Be(RegistrationOutcome.Updated);
    }
}
