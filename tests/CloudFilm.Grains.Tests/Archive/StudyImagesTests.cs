using CloudFilm.Grains.Archive;
using CloudFilm.Grains.Studies;
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
}
