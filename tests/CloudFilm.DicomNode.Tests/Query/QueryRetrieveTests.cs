using System.Globalization;
using CloudFilm.Archive.Peers;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;
using CloudFilm.DicomNode.Tests.Support;
using CloudFilm.Testing;

namespace CloudFilm.DicomNode.Tests.Query;

/// <summary>One archive with two studies (张三 in November 2026, 李四 in March 2025), queried and retrieved with dcmtk.</summary>
public sealed class QueryRetrieveFixture : NodeFixture
{
    public TestSeries Zhang { get; } = new() { PatientName = "Zhang^San=张^三", StudyDate = "20261123" };

    public TestSeries Li { get; } = new() { PatientName = "李^四", StudyDate = "20250315" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var series in new[] { Zhang, Li })
        {
            var (exit, output) = await Dcmtk.StoreAsync(Port, "STORESCU", series.WriteFiles(Path.Combine(WorkFolder, series.SeriesInstanceUid), 3));
            if (exit != 0)
            {
                throw new InvalidOperationException(output);
            }
        }
    }
}

public sealed class QueryRetrieveTests(QueryRetrieveFixture node) : IClassFixture<QueryRetrieveFixture>
{
    private string Port => node.Port.ToString(CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<DicomDataset>> FindAsync(params string[] keys)
    {
        var folder = Path.Combine(node.WorkFolder, "find-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var args = new List<string> { "-S", "-aet", "FINDSCU", "-aec", "CLOUDFILM", "-X", "-od", folder, "127.0.0.1", Port };
        foreach (var key in keys)
        {
            if (key.EndsWith(".dcm", StringComparison.Ordinal))
            {
                args.Add(key);
            }
            else
            {
                args.Add("-k");
                args.Add(key);
            }
        }
        var (exit, output) = await Dcmtk.RunAsync("findscu", args);
        exit.Should().Be(0, output);
        return [.. Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(f => DicomFile.Open(f).Dataset)];
    }

    private static string[] StudyUids(IEnumerable<DicomDataset> answers) => [.. answers.Select(a => a.GetString(DicomTags.StudyInstanceUID)!)];

    [Fact]
    public async Task Study_level_find_by_ideographic_name_prefix_answers_the_chinese_name()
    {
        var answers = await FindAsync("QueryRetrieveLevel=STUDY", "SpecificCharacterSet=ISO_IR 192", "PatientName=张*", "StudyInstanceUID",
            "NumberOfStudyRelatedInstances", "ModalitiesInStudy");

        StudyUids(answers).Should().Equal(node.Zhang.StudyInstanceUid);
        answers[0].GetString(DicomTags.PatientName).Should().Be("Zhang^San=张^三");
        answers[0].GetString(DicomTags.NumberOfStudyRelatedInstances).Should().Be("3");
        answers[0].GetString(DicomTags.ModalitiesInStudy).Should().Be("CT");
    }

    [Fact]
    public async Task Alphabetic_name_prefix_matches_whatever_the_case()
    {
        StudyUids(await FindAsync("QueryRetrieveLevel=STUDY", "PatientName=zhang*", "StudyInstanceUID")).Should().Equal(node.Zhang.StudyInstanceUid);
    }

    [Fact]
    public async Task A_query_encoded_in_gb18030_finds_the_study()
    {
        var query = new DicomDataset();
        query.Set(DicomTags.SpecificCharacterSet, "GB18030");
        query.Set(DicomTags.QueryRetrieveLevel, "STUDY");
        query.Set(DicomTags.PatientName, "李*");
        query.SetEmpty(DicomTags.StudyInstanceUID);
        var path = Path.Combine(node.WorkFolder, "gb18030-query.dcm");
        new DicomFile(query, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);

        var answers = await FindAsync(path);

        StudyUids(answers).Should().Equal(node.Li.StudyInstanceUid);
    }

    [Fact]
    public async Task Date_ranges_select_studies_by_study_date()
    {
        StudyUids(await FindAsync("QueryRetrieveLevel=STUDY", "StudyDate=20261101-20261130", "StudyInstanceUID")).Should().Equal(node.Zhang.StudyInstanceUid);
        StudyUids(await FindAsync("QueryRetrieveLevel=STUDY", "StudyDate=-20251231", "StudyInstanceUID")).Should().Equal(node.Li.StudyInstanceUid);
        StudyUids(await FindAsync("QueryRetrieveLevel=STUDY", "StudyDate=20240101-20241231", "StudyInstanceUID")).Should().BeEmpty();
    }

    [Fact]
    public async Task Accession_number_finds_its_study()
    {
        StudyUids(await FindAsync("QueryRetrieveLevel=STUDY", $"AccessionNumber={node.Li.AccessionNumber}", "StudyInstanceUID")).Should().Equal(node.Li.StudyInstanceUid);
    }

    [Fact]
    public async Task Patient_root_patient_level_lists_the_patient_once()
    {
        var folder = Path.Combine(node.WorkFolder, "patient-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var (exit, output) = await Dcmtk.RunAsync("findscu", ["-P", "-aet", "FINDSCU", "-aec", "CLOUDFILM", "-X", "-od", folder, "127.0.0.1", Port,
            "-k", "QueryRetrieveLevel=PATIENT", "-k", $"PatientID={node.Zhang.PatientId}", "-k", "PatientName", "-k", "NumberOfPatientRelatedStudies"]);

        exit.Should().Be(0, output);
        var answers = Directory.GetFiles(folder).Select(f => DicomFile.Open(f).Dataset).ToList();
        answers.Should().ContainSingle();
        answers[0].GetString(DicomTags.NumberOfPatientRelatedStudies).Should().Be("1");
    }

    [Fact]
    public async Task Series_and_image_levels_list_what_is_stored()
    {
        var series = await FindAsync("QueryRetrieveLevel=SERIES", $"StudyInstanceUID={node.Zhang.StudyInstanceUid}", "SeriesInstanceUID", "Modality",
            "NumberOfSeriesRelatedInstances");
        series.Should().ContainSingle().Which.GetString(DicomTags.SeriesInstanceUID).Should().Be(node.Zhang.SeriesInstanceUid);

        var images = await FindAsync("QueryRetrieveLevel=IMAGE", $"StudyInstanceUID={node.Zhang.StudyInstanceUid}",
            $"SeriesInstanceUID={node.Zhang.SeriesInstanceUid}", "SOPInstanceUID", "InstanceNumber");
        images.Select(i => i.GetString(DicomTags.InstanceNumber)).Should().Equal("1", "2", "3");
    }

    [Fact]
    public async Task Getscu_receives_the_study_decompressed_with_the_original_pixels()
    {
        await WaitForCompressionAsync();
        var folder = Path.Combine(node.WorkFolder, "get-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);

        var (exit, output) = await Dcmtk.RunAsync("getscu", ["-S", "-aet", "GETSCU", "-aec", "CLOUDFILM", "-od", folder, "127.0.0.1", Port,
            "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={node.Zhang.StudyInstanceUid}"]);

        exit.Should().Be(0, output);
        AssertReceivedSeries(folder);
    }

    [Fact]
    public async Task Movescu_sends_the_study_to_a_configured_destination()
    {
        await WaitForCompressionAsync();

        var folder = await MoveZhangSeriesAsync("DEST", []);

        AssertReceivedSeries(folder);
    }

    [Fact]
    public async Task Movescu_to_a_destination_that_accepts_jpeg_ls_receives_the_stored_copies_as_they_are()
    {
        await WaitForCompressionAsync();

        var folder = await MoveZhangSeriesAsync("DESTJLS", ["+xt"]);

        var received = ReceivedInOrder(folder);
        received.Should().HaveCount(3);
        for (var i = 0; i < received.Count; i++)
        {
            var stored = DicomFile.Open(await StoredPathAsync(received[i].Dataset.GetString(DicomTags.SOPInstanceUID)!));
            stored.TransferSyntax.Should().Be(DicomTransferSyntax.JPEGLSLossless, "the archive keeps JPEG-LS copies");
            received[i].TransferSyntax.Should().Be(DicomTransferSyntax.JPEGLSLossless);
            Fragments(received[i]).Should().BeEquivalentTo(Fragments(stored), o => o.WithStrictOrdering(), "the stored copy goes without decoding");
            DicomTranscoder.Transcode(received[i], DicomTransferSyntax.ExplicitVRLittleEndian).Dataset.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray()
                .Should().Equal(node.Zhang.Pixels(i + 1));
        }
    }

    [Fact]
    public async Task Movescu_to_a_destination_that_accepts_only_implicit_little_endian_receives_decompressed_copies()
    {
        await WaitForCompressionAsync();

        var folder = await MoveZhangSeriesAsync("DESTIMPL", ["+xi"]);

        ReceivedInOrder(folder).Should().OnlyContain(f => f.TransferSyntax == DicomTransferSyntax.ImplicitVRLittleEndian);
        AssertReceivedSeries(folder);
    }

    /// <summary>Moves the Zhang series with movescu to a storescp started with <paramref name="storescpOptions"/>, registered as peer <paramref name="aeTitle"/>; returns where it wrote the files.</summary>
    private async Task<string> MoveZhangSeriesAsync(string aeTitle, string[] storescpOptions)
    {
        var folder = Path.Combine(node.WorkFolder, "move-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var destinationPort = ExternalProcess.FreeTcpPort();
        await new PeerStore(node.DataSource).UpsertAsync(new DicomPeer(aeTitle, "127.0.0.1", destinationPort, "test destination", DateTimeOffset.UtcNow), default);
        await using var destination = await Dcmtk.StartAsync("storescp",
            [.. storescpOptions, "-aet", aeTitle, "-od", folder, destinationPort.ToString(CultureInfo.InvariantCulture)], destinationPort);

        var (exit, output) = await Dcmtk.RunAsync("movescu", ["-S", "-aet", "MOVESCU", "-aec", "CLOUDFILM", "-aem", aeTitle, "127.0.0.1", Port,
            "-k", "QueryRetrieveLevel=SERIES", "-k", $"StudyInstanceUID={node.Zhang.StudyInstanceUid}", "-k", $"SeriesInstanceUID={node.Zhang.SeriesInstanceUid}"]);

        exit.Should().Be(0, output);
        return folder;
    }

    private async Task<string> StoredPathAsync(string sopInstanceUid)
    {
        await using var command = node.DataSource.CreateCommand("SELECT blob_key FROM dicom_instances WHERE sop_instance_uid = @uid");
        command.Parameters.AddWithValue("uid", sopInstanceUid);
        return node.Blobs.PathOf((string)(await command.ExecuteScalarAsync())!);
    }

    private static List<byte[]> Fragments(DicomFile file) =>
        [.. ((DicomFragmentSequence)file.Dataset.Find(DicomTags.PixelData)!).Fragments.Select(f => f.Memory.ToArray())];

    private static List<DicomFile> ReceivedInOrder(string folder) =>
        [.. Directory.GetFiles(folder).Select(f => DicomFile.Open(f)).OrderBy(f => f.Dataset.GetValue<int>(DicomTags.InstanceNumber))];

    [Fact]
    public async Task Movescu_to_an_unknown_destination_fails()
    {
        var (_, output) = await Dcmtk.RunAsync("movescu", ["-v", "-S", "-aet", "MOVESCU", "-aec", "CLOUDFILM", "-aem", "NOWHERE", "127.0.0.1", Port,
            "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={node.Zhang.StudyInstanceUid}"]);

        output.Should().Contain("MoveDestinationUnknown", "status A801");
    }

    private void AssertReceivedSeries(string folder)
    {
        var received = ReceivedInOrder(folder);
        received.Should().HaveCount(3);
        received.Should().OnlyContain(f => !f.TransferSyntax.IsEncapsulated, "the peer took uncompressed syntaxes only");
        for (var i = 0; i < received.Count; i++)
        {
            received[i].Dataset.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray().Should().Equal(node.Zhang.Pixels(i + 1));
        }
    }

    private Task WaitForCompressionAsync() =>
        NodeFixture.EventuallyAsync(async () => await node.ScalarAsync("SELECT count(*) FROM dicom_compression_queue") == 0, "compression queue drained");
}
