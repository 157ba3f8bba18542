using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;
using CloudFilm.DicomNode.Tests.Support;

namespace CloudFilm.DicomNode.Tests.Ingest;

public sealed class ReplaceDuplicateTests(ReplacingNodeFixture node) : IClassFixture<ReplacingNodeFixture>
{
    [Fact]
    public async Task With_the_replace_policy_a_corrected_resend_wins_and_still_makes_one_row()
    {
        var series = new TestSeries();
        var uid = DicomUidGenerator.NewUid();
        var folder = Path.Combine(node.WorkFolder, "replace");
        Directory.CreateDirectory(folder);
        var first = Path.Combine(folder, "first.dcm");
        var corrected = Path.Combine(folder, "corrected.dcm");
        new DicomFile(series.Instance(1, uid), DicomTransferSyntax.ExplicitVRLittleEndian).Save(first);
        var fixedUp = series.Instance(1, uid);
        fixedUp.Set(DicomTags.InstanceNumber, 7);
        new DicomFile(fixedUp, DicomTransferSyntax.ExplicitVRLittleEndian).Save(corrected);

        (await Dcmtk.StoreAsync(node.Port, "STORESCU", [first])).ExitCode.Should().Be(0);
        (await Dcmtk.StoreAsync(node.Port, "STORESCU", [corrected])).ExitCode.Should().Be(0);

        var instances = await node.Reader.ListInstancesAsync(series.StudyInstanceUid, default);
        instances.Should().ContainSingle().Which.InstanceNumber.Should().Be(7);
        (await node.Reader.GetStudyAsync(series.StudyInstanceUid, default))!.InstanceCount.Should().Be(1);
        (await node.Reader.OpenInstanceAsync(uid, default))!.Dataset.GetString(DicomTags.InstanceNumber).Should().Be("7");
    }
}
