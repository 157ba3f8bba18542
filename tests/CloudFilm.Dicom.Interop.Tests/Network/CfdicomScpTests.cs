using System.Globalization;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;

namespace CloudFilm.Dicom.Interop.Tests.Network;

/// <summary><c>cfdicom scp</c> as a process, fed by dcmtk's storescu and queried by findscu.</summary>
public class CfdicomScpTests
{
    [Fact]
    public async Task Cfdicom_scp_stores_from_storescu_and_answers_findscu()
    {
        using var folder = new TempFolder();
        var sources = folder.Sub("in");
        var archive = folder.Sub("archive");
        var results = folder.Sub("results");
        var files = InteropData.WriteStudies(sources, studies: 2, perStudy: 2);
        var port = ExternalProcess.FreeTcpPort();
        var portText = port.ToString(CultureInfo.InvariantCulture);
        await using var scp = await ExternalProcess.StartAsync(Cfdicom.StartInfo("scp", "-aet", "ARCHIVE", "-od", archive, portText), port, TimeSpan.FromSeconds(5));

        var store = await Dcmtk.RunAsync("storescu", new[] { "-aec", "ARCHIVE", "127.0.0.1", portText }.Concat(files));
        var find = await Dcmtk.RunAsync("findscu", ["-S", "-aec", "ARCHIVE", "-X", "-od", results, "-k", "0008,0052=STUDY", "-k", "0020,000D", "127.0.0.1", portText]);

        store.ExitCode.Should().Be(0, store.Output + scp.Output);
        Directory.GetFiles(archive, "*.dcm").Should().HaveCount(4, scp.Output);
        DicomFile.Open(Path.Combine(archive, Path.GetFileName(files[0]))).Dataset.GetString(DicomTags.PatientID).Should().Be("P0");
        find.ExitCode.Should().Be(0, find.Output);
        Directory.GetFiles(results).Should().HaveCount(2, find.Output + scp.Output);
        scp.Output.Should().Contain("STORESCU->ARCHIVE@127.0.0.1");
    }
}
