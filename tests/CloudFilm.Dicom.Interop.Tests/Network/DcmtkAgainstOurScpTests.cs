using System.Globalization;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Network;

/// <summary>dcmtk's SCUs (echoscu, storescu, findscu, movescu, getscu) against our SCP.</summary>
public class DcmtkAgainstOurScpTests
{
    private static string Port(DicomServer server) => server.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Echoscu_gets_success()
    {
        using var folder = new TempFolder();
        var log = new InteropLog();
        await using var server = InteropData.StartServer(folder.Path, log);

        var (code, output) = await Dcmtk.RunAsync("echoscu", ["-aec", "CLOUDFILM", "-v", "127.0.0.1", Port(server)]);

        code.Should().Be(0, output);
        output.Should().Contain("Received Echo Response (Success)");
        log.Lines.Should().Contain(l => l.Contains("ECHOSCU->CLOUDFILM", StringComparison.Ordinal) && l.Contains("accepted", StringComparison.Ordinal));
    }

    // "+C" puts all proposed syntaxes in one context so that the SCP's preference decides, not storescu's.
    public static TheoryData<string, string, string, bool> StoreCases => new()
    {
        { "-xe", "CT_small.dcm", DicomUids.ExplicitVRLittleEndian, false },
        { "-xi", "MR_small.dcm", DicomUids.ImplicitVRLittleEndian, false },
        { "-xb", "MR_small_bigendian.dcm", DicomUids.ExplicitVRBigEndian, true },
        { "-xb +C", "MR_small_bigendian.dcm", DicomUids.ExplicitVRLittleEndian, false },
        { "-xr", "MR_small_RLE.dcm", DicomUids.RLELossless, false },
        { "-xt", "MR_small_jpeg_ls_lossless.dcm", DicomUids.JPEGLSLossless, false },
        { "-xv", "MR_small_jp2klossless.dcm", DicomUids.JPEG2000Lossless, false },
        { "-xw", "JPEG2000.dcm", DicomUids.JPEG2000, false },
        { "-xy", "SC_rgb_jpeg_dcmtk.dcm", DicomUids.JPEGBaseline8Bit, false },
        { "-xx", "JPGExtended.dcm", DicomUids.JPEGExtended12Bit, false },
        { "-xd", "image_dfl.dcm", DicomUids.DeflatedExplicitVRLittleEndian, false },
    };

    [Theory]
    [MemberData(nameof(StoreCases))]
    public async Task Storescu_stores_in_each_transfer_syntax_it_proposes(string option, string file, string expectedSyntax, bool preferBigEndian)
    {
        using var folder = new TempFolder();
        var log = new InteropLog();
        await using var server = InteropData.StartServer(folder.Path, log, o => preferBigEndian
            ? o with { PreferredTransferSyntaxes = [DicomUids.ExplicitVRBigEndian, DicomUids.ExplicitVRLittleEndian] }
            : o);
        var source = InteropData.Pydicom(file);

        var (code, output) = await Dcmtk.RunAsync("storescu", ["-aec", "CLOUDFILM", .. option.Split(' '), "-R", "127.0.0.1", Port(server), source]);

        code.Should().Be(0, output + log);
        var header = DicomFileHeader.Read(source);
        var stored = Path.Combine(folder.Path, header.SopInstanceUid + ".dcm");
        File.Exists(stored).Should().BeTrue(output + log);
        DicomFileHeader.Read(stored).TransferSyntaxUid.Should().Be(expectedSyntax);
        var (dumpCode, dump) = await Dcmtk.RunAsync("dcmdump", ["-q", stored]);
        dumpCode.Should().Be(0, dump);
        dump.Should().Contain(header.SopInstanceUid);
    }

    [Theory]
    [InlineData("-xs", "-J", DicomUids.JPEGLosslessSV1)]
    [InlineData("-xu", "-L -Y -e 2", DicomUids.JPEGLSNearLossless)]
    public async Task Storescu_stores_files_gdcm_compressed_at_test_time(string option, string gdcmOptions, string expectedSyntax)
    {
        using var folder = new TempFolder();
        var source = Path.Combine(folder.Path, "compressed.dcm");
        var (gdcmCode, gdcmOutput) = await Dcmtk.RunAsync("gdcmconv", [.. gdcmOptions.Split(' '), InteropData.Pydicom("MR_small.dcm"), source]);
        gdcmCode.Should().Be(0, gdcmOutput);
        DicomFileHeader.Read(source).TransferSyntaxUid.Should().Be(expectedSyntax);
        var received = folder.Sub("received");
        var log = new InteropLog();
        await using var server = InteropData.StartServer(received, log);

        var (code, output) = await Dcmtk.RunAsync("storescu", ["-aec", "CLOUDFILM", option, "-R", "127.0.0.1", Port(server), source]);

        code.Should().Be(0, output + log);
        DicomFileHeader.Read(Directory.GetFiles(received).Should().ContainSingle().Subject).TransferSyntaxUid.Should().Be(expectedSyntax);
    }

    [Fact]
    public async Task Four_storescu_processes_in_parallel_store_every_file()
    {
        using var folder = new TempFolder();
        var sources = folder.Sub("in");
        var received = folder.Sub("out");
        var files = InteropData.WriteStudies(sources, studies: 4, perStudy: 5);
        var log = new InteropLog();
        await using var server = InteropData.StartServer(received, log);

        var runs = Enumerable.Range(0, 4).Select(i =>
            Dcmtk.RunAsync("storescu", new[] { "-aec", "CLOUDFILM", "-aet", $"SCU{i}", "127.0.0.1", Port(server) }.Concat(files.Where((_, n) => n % 4 == i)), 60));
        var results = await Task.WhenAll(runs);

        results.Should().OnlyContain(r => r.ExitCode == 0, string.Join('\n', results.Select(r => r.Output)));
        Directory.GetFiles(received, "*.dcm").Select(Path.GetFileName).Should().BeEquivalentTo(files.Select(Path.GetFileName));
        foreach (var file in files)
        {
            var copy = Path.Combine(received, Path.GetFileName(file));
            DicomFile.Open(copy).Dataset.GetString(DicomTags.PatientID).Should().Be(DicomFile.Open(file).Dataset.GetString(DicomTags.PatientID));
        }

        Enumerable.Range(0, 4).Should().OnlyContain(i => log.Lines.Any(l => l.Contains($"SCU{i}->CLOUDFILM", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Findscu_queries_study_and_patient_root_at_several_levels()
    {
        using var folder = new TempFolder();
        InteropData.WriteStudies(folder.Path, studies: 3, perStudy: 2);
        var log = new InteropLog();
        await using var server = InteropData.StartServer(folder.Path, log);
        var out1 = folder.Sub("r1");
        var out2 = folder.Sub("r2");
        var out3 = folder.Sub("r3");

        var study = await Dcmtk.RunAsync("findscu",
            ["-S", "-aec", "CLOUDFILM", "-X", "-od", out1, "-k", "0008,0052=STUDY", "-k", "0010,0010=DOE^PATIENT1*", "-k", "0020,000D", "-k", "0010,0020", "127.0.0.1", Port(server)]);
        var patients = await Dcmtk.RunAsync("findscu",
            ["-P", "-aec", "CLOUDFILM", "-X", "-od", out2, "-k", "0008,0052=PATIENT", "-k", "0010,0010", "-k", "0010,0020", "127.0.0.1", Port(server)]);
        var images = await Dcmtk.RunAsync("findscu",
            ["-S", "-aec", "CLOUDFILM", "-X", "-od", out3, "-k", "0008,0052=IMAGE", "-k", "0020,000D=1.2.826.0.1.3680043.10.1.2", "-k", "0020,000E=1.2.826.0.1.3680043.10.1.2.1", "-k", "0008,0018", "127.0.0.1", Port(server)]);

        study.ExitCode.Should().Be(0, study.Output);
        var studyMatch = Directory.GetFiles(out1).Should().ContainSingle().Subject;
        var dataset = DicomFile.Open(studyMatch).Dataset;
        dataset.GetString(DicomTags.StudyInstanceUID).Should().Be("1.2.826.0.1.3680043.10.1.1");
        dataset.GetString(DicomTags.PatientID).Should().Be("P1");
        Directory.GetFiles(out2).Should().HaveCount(3, patients.Output);
        Directory.GetFiles(out3).Should().HaveCount(2, images.Output);
    }

    [Fact]
    public async Task Movescu_moves_a_study_to_a_dcmtk_storescp()
    {
        using var folder = new TempFolder();
        var archive = folder.Sub("archive");
        var destination = folder.Sub("dest");
        InteropData.WriteStudies(archive, studies: 2, perStudy: 3);
        var storePort = ExternalProcess.FreeTcpPort();
        await using var storescp = await Dcmtk.StartAsync("storescp", ["-aet", "STORESCP", "-od", destination, "--fork", storePort.ToString(CultureInfo.InvariantCulture)], storePort);
        var log = new InteropLog();
        await using var server = InteropData.StartServer(archive, log, o => o with
        {
            MoveDestinations = new Dictionary<string, RemoteApplicationEntity> { ["STORESCP"] = new("STORESCP", "127.0.0.1", storePort) },
        });

        var (code, output) = await Dcmtk.RunAsync("movescu",
            ["-S", "-aec", "CLOUDFILM", "-aem", "STORESCP", "-v", "-k", "0008,0052=STUDY", "-k", "0020,000D=1.2.826.0.1.3680043.10.1.1", "127.0.0.1", Port(server)], 60);

        code.Should().Be(0, output + log);
        output.Should().Contain("Received Final Move Response (Success)");
        await WaitForFilesAsync(destination, 3);
        Directory.GetFiles(destination).Should().HaveCount(3, storescp.Output);
        log.Lines.Should().Contain(l => l.Contains("C-MOVE to STORESCP: 3 completed, 0 failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Getscu_retrieves_a_series_on_the_same_association()
    {
        using var folder = new TempFolder();
        var archive = folder.Sub("archive");
        var received = folder.Sub("received");
        var files = InteropData.WriteStudies(archive, studies: 2, perStudy: 3);
        var log = new InteropLog();
        await using var server = InteropData.StartServer(archive, log);

        var (code, output) = await Dcmtk.RunAsync("getscu",
            ["-S", "-aec", "CLOUDFILM", "-od", received, "-k", "0008,0052=SERIES", "-k", "0020,000D=1.2.826.0.1.3680043.10.1.0", "-k", "0020,000E=1.2.826.0.1.3680043.10.1.0.1", "127.0.0.1", Port(server)], 60);

        code.Should().Be(0, output + log);
        var got = Directory.GetFiles(received);
        got.Should().HaveCount(3, output + log);
        foreach (var path in got)
        {
            var sop = DicomFile.Open(path).Dataset.GetString(DicomTags.SOPInstanceUID)!;
            File.ReadAllBytes(path).AsSpan()[^8192..].SequenceEqual(File.ReadAllBytes(files.Single(f => f.Contains(sop, StringComparison.Ordinal))).AsSpan()[^8192..])
                .Should().BeTrue("pixel data arrives unchanged");
        }
    }

    private static async Task WaitForFilesAsync(string folder, int count)
    {
        for (var i = 0; i < 100 && Directory.GetFiles(folder).Length < count; i++)
        {
            await Task.Delay(50);
        }
    }
}
