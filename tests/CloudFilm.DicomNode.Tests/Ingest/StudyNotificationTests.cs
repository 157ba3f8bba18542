using CloudFilm.DicomNode.Tests.Support;
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.DicomNode.Tests.Ingest;

public sealed class StudyNotificationTests(ClusterNodeFixture node) : IClassFixture<ClusterNodeFixture>
{
    private IStudyGrain Study(string accession) => node.Cluster.Client.GetGrain<IStudyGrain>(StudyKeys.GrainKey(accession));

    [Fact]
    public async Task Images_of_a_registered_order_reach_its_study_grain_and_are_marked_matched()
    {
        var series = new TestSeries { Issuer = "HOSP" };
        await Study(series.AccessionNumber).RegisterAsync(new StudyRegistration(
            new PatientIdentity(series.PatientId, "HOSP", "张三", Sex.Male, new DateOnly(1980, 1, 1), null),
            new ExamOrder(series.AccessionNumber, "东院", "放射科", "CT", "胸部CT平扫", "胸部", StudyPriority.Routine, PatientType.Outpatient, false)));

        var (exit, output) = await Dcmtk.StoreAsync(node.Port, "STORESCU", series.WriteFiles(Path.Combine(node.WorkFolder, "registered"), 2));

        exit.Should().Be(0, output);
        await NodeFixture.EventuallyAsync(async () => (await Study(series.AccessionNumber).GetImagesAsync()) is [{ InstanceCount: 2 }], "the grain knows 2 instances");
        var images = (await Study(series.AccessionNumber).GetImagesAsync()).Single();
        images.StudyInstanceUid.Should().Be(series.StudyInstanceUid);
        images.SeriesCount.Should().Be(1);
        await NodeFixture.EventuallyAsync(async () => await node.ScalarAsync(
            "SELECT count(*) FROM dicom_studies WHERE study_instance_uid = @s AND match_status = 'matched'", ("s", series.StudyInstanceUid)) == 1, "marked matched");
    }

    [Fact]
    public async Task Images_of_an_order_nobody_registered_are_kept_for_reconciliation()
    {
        var series = new TestSeries();

        var (exit, output) = await Dcmtk.StoreAsync(node.Port, "STORESCU", series.WriteFiles(Path.Combine(node.WorkFolder, "unregistered"), 1));

        exit.Should().Be(0, output);
        await NodeFixture.EventuallyAsync(async () => await node.ScalarAsync(
            "SELECT count(*) FROM dicom_studies WHERE study_instance_uid = @s AND match_status = 'unmatched'", ("s", series.StudyInstanceUid)) == 1, "marked unmatched");
        (await Study(series.AccessionNumber).GetAsync()).Should().BeNull("images alone never make an order");
    }
}
