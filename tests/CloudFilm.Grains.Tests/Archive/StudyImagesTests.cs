using CloudFilm.Grains.Abstractions.Archive;
using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Grains.Tests.Cluster;
using CloudFilm.Grains.Tests.Studies;

namespace CloudFilm.Grains.Tests.Archive;

public class StudyImagesTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IStudyGrain Study(string accession) => fixture.Cluster.Client.GetGrain<IStudyGrain>(StudyKeys.GrainKey(accession));

    [Fact]
    public async Task Images_for_a_registered_order_match_and_are_kept_across_reactivation_newest_revision_winning()
    {
        var accession = StudyRegistrations.UniqueAccession();
        await Study(accession).RegisterAsync(StudyRegistrations.Chest(accession));
        var first = new ImageArrival("1.2.840.1", "P0001", "HOSP", 1, 10, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 10);

        (await Study(accession).RecordImagesAsync(first)).Should().Be(ImageMatch.Matched);
        (await Study(accession).RecordImagesAsync(first with { InstanceCount = 20, Revision = 20 })).Should().Be(ImageMatch.Matched);
        (await Study(accession).RecordImagesAsync(first with { InstanceCount = 15, Revision = 15 })).Should().Be(ImageMatch.Matched);

        var images = await Study(accession).GetImagesAsync();
        images.Should().ContainSingle().Which.InstanceCount.Should().Be(20);
    }

    [Fact]
    public async Task Images_before_the_order_are_kept_and_reported_not_registered()
    {
        var accession = StudyRegistrations.UniqueAccession();
        var arrival = new ImageArrival("1.2.840.2", "P0001", "HOSP", 2, 3, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 3);

        (await Study(accession).RecordImagesAsync(arrival)).Should().Be(ImageMatch.NotRegistered);

        (await Study(accession).GetAsync()).Should().BeNull("images alone do not make an order");
        (await Study(accession).GetImagesAsync()).Should().ContainSingle().Which.SeriesCount.Should().Be(2);
    }

    [Fact]
    public async Task Images_of_another_patient_under_the_same_accession_are_recorded_but_not_among_the_orders_images()
    {
        var accession = StudyRegistrations.UniqueAccession();
        await Study(accession).RegisterAsync(StudyRegistrations.Chest(accession));
        var own = new ImageArrival("1.2.840.3", "P0001", "HOSP", 1, 5, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 5);
        var other = new ImageArrival("1.2.840.4", "P0002", "HOSP", 1, 7, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow, 7);

        (await Study(accession).RecordImagesAsync(own)).Should().Be(ImageMatch.Matched);
        (await Study(accession).RecordImagesAsync(other)).Should().Be(ImageMatch.PatientMismatch);

        (await Study(accession).GetImagesAsync()).Select(i => i.StudyInstanceUid).Should().BeEquivalentTo(["1.2.840.3", "1.2.840.4"]);
        (await Study(accession).GetMatchedImagesAsync()).Should().ContainSingle().Which.StudyInstanceUid.Should().Be("1.2.840.3");

        // Staff link the other patient's images to this order in reconciliation: then they belong to it.
        (await Study(accession).RecordImagesAsync(other with { Revision = 8, ConfirmedByStaff = true })).Should().Be(ImageMatch.Matched);
        (await Study(accession).GetMatchedImagesAsync()).Select(i => i.StudyInstanceUid).Should().Equal("1.2.840.4", "1.2.840.3");
    }

    [Fact]
    public async Task Images_of_an_order_nobody_registered_belong_to_no_one_yet()
    {
        var accession = StudyRegistrations.UniqueAccession();
        await Study(accession).RecordImagesAsync(new ImageArrival("1.2.840.5", "P0001", "HOSP", 1, 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 1));

        (await Study(accession).GetMatchedImagesAsync()).Should().BeEmpty();
    }
}
