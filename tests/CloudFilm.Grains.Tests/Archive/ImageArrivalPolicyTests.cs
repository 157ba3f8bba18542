using CloudFilm.Grains.Abstractions.Archive;
using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Grains.Archive;
using CloudFilm.Grains.Tests.Studies;

namespace CloudFilm.Grains.Tests.Archive;

public class ImageArrivalPolicyTests
{
    private static ImageArrival Arrival(long revision, string patientId = "P0001", string issuer = "HOSP") =>
        new("1.2.3", patientId, issuer, 1, (int)revision, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(revision), revision);

    private static StudySnapshot Registered()
    {
        var r = StudyRegistrations.Chest("A1");
        return new StudySnapshot("A1", r.Patient, r.Order, StudyStatus.Registered, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1);
    }

    [Fact]
    public void The_first_arrival_of_a_dicom_study_is_newer() =>
        ImageArrivalPolicy.IsNewer(new Dictionary<string, ImageArrival>(), Arrival(1)).Should().BeTrue();

    [Fact]
    public void A_later_revision_is_newer() =>
        ImageArrivalPolicy.IsNewer(new Dictionary<string, ImageArrival> { ["1.2.3"] = Arrival(3) }, Arrival(4)).Should().BeTrue();

    [Fact]
    public void A_repeated_or_late_notification_is_not_newer()
    {
        var recorded = new Dictionary<string, ImageArrival> { ["1.2.3"] = Arrival(5) };
        ImageArrivalPolicy.IsNewer(recorded, Arrival(5)).Should().BeFalse();
        ImageArrivalPolicy.IsNewer(recorded, Arrival(4)).Should().BeFalse();
    }

    [Fact]
    public void Images_without_a_registered_order_are_not_registered() =>
        ImageArrivalPolicy.Match(null, Arrival(1)).Should().Be(ImageMatch.NotRegistered);

    [Fact]
    public void Images_of_the_registered_patient_match() =>
        ImageArrivalPolicy.Match(Registered(), Arrival(1)).Should().Be(ImageMatch.Matched);

    [Fact]
    public void Images_without_an_issuer_match_on_the_patient_id() =>
        ImageArrivalPolicy.Match(Registered(), Arrival(1, issuer: "")).Should().Be(ImageMatch.Matched);

    [Fact]
    public void Images_of_another_patient_id_are_a_mismatch() =>
        ImageArrivalPolicy.Match(Registered(), Arrival(1, patientId: "P0002")).Should().Be(ImageMatch.PatientMismatch);

    [Fact]
    public void The_same_patient_id_from_another_issuer_is_a_mismatch() =>
        ImageArrivalPolicy.Match(Registered(), Arrival(1, issuer: "OTHER")).Should().Be(ImageMatch.PatientMismatch);

    [Fact]
    public void Images_staff_linked_to_the_order_match_whatever_their_patient_id() =>
        ImageArrivalPolicy.Match(Registered(), Arrival(1, patientId: "P0002") with { ConfirmedByStaff = true }).Should().Be(ImageMatch.Matched);

    [Fact]
    public void A_staff_link_does_not_make_an_order_that_is_not_registered() =>
        ImageArrivalPolicy.Match(null, Arrival(1) with { ConfirmedByStaff = true }).Should().Be(ImageMatch.NotRegistered);
}
