using CloudFilm.Archive.Measurements;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;
using CloudFilm.DicomNode.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudFilm.DicomNode.Tests.Measurements;

public sealed class SrIngestTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task A_comprehensive_sr_sent_with_storescu_joins_the_study_and_its_measurements_are_recorded()
    {
        var study = new TestSeries();
        var images = study.WriteFiles(Path.Combine(node.WorkFolder, "us"), 1);
        var sr = Path.Combine(node.WorkFolder, "us", "report.dcm");
        new DicomFile(EchoReport.Build(study, DicomUidGenerator.NewUid()), DicomTransferSyntax.ExplicitVRLittleEndian).Save(sr);

        var (exit, output) = await Dcmtk.StoreAsync(node.Port, "STORESCU", [.. images, sr]);

        exit.Should().Be(0, output);
        var found = await node.Services.GetRequiredService<MeasurementStore>().ListForStudyKeyAsync(study.AccessionNumber, default);
        found.Select(m => m.Measurement.ReportField).Should().Equal("LVEF", "IVSd", "LVIDd", "E/A", null);
        found[0].Measurement.Value.Should().Be(62.5m);
        (await node.Reader.GetStudyAsync(study.StudyInstanceUid, default))!.Modalities.Should().Equal("CT", "SR");
    }

    [Fact]
    public async Task Sending_the_sr_again_keeps_one_set_of_measurements()
    {
        var study = new TestSeries();
        var sr = Path.Combine(node.WorkFolder, "again-" + study.AccessionNumber + ".dcm");
        Directory.CreateDirectory(node.WorkFolder);
        new DicomFile(EchoReport.Build(study, DicomUidGenerator.NewUid()), DicomTransferSyntax.ExplicitVRLittleEndian).Save(sr);

        (await Dcmtk.StoreAsync(node.Port, "STORESCU", [sr])).ExitCode.Should().Be(0);
        (await Dcmtk.StoreAsync(node.Port, "STORESCU", [sr])).ExitCode.Should().Be(0);

        (await node.Services.GetRequiredService<MeasurementStore>().ListForStudyKeyAsync(study.AccessionNumber, default)).Should().HaveCount(5);
    }
}
