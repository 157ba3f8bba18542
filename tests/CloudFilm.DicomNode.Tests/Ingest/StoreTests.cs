using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;
using CloudFilm.DicomNode.Tests.Support;

namespace CloudFilm.DicomNode.Tests.Ingest;

public sealed class StoreTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Series_sent_with_storescu_is_stored_indexed_compressed_losslessly_and_told_to_the_study()
    {
        var series = new TestSeries();
        var files = series.WriteFiles(Path.Combine(node.WorkFolder, "series"), 5);

        var (exit, output) = await Dcmtk.StoreAsync(node.Port, "STORESCU", files);

        exit.Should().Be(0, output);
        var study = await node.Reader.GetStudyAsync(series.StudyInstanceUid, default);
        study.Should().NotBeNull();
        study!.InstanceCount.Should().Be(5);
        study.SeriesCount.Should().Be(1);
        study.PatientName.Should().Be("Zhang^San=张^三");
        study.AccessionNumber.Should().Be(series.AccessionNumber);
        study.Modalities.Should().Equal("CT");
        var instances = await node.Reader.ListInstancesAsync(series.StudyInstanceUid, default);
        instances.Select(i => i.InstanceNumber).Should().Equal(1, 2, 3, 4, 5);
        instances.Should().OnlyContain(i => node.Blobs.Exists(i.BlobKey));

        await NodeFixture.EventuallyAsync(async () => await node.ScalarAsync(
            "SELECT count(*) FROM dicom_instances WHERE study_instance_uid = @s AND transfer_syntax_uid = '1.2.840.10008.1.2.4.80'",
            ("s", series.StudyInstanceUid)) == 5, "every instance compressed to JPEG-LS");
        var compressed = await node.Reader.ListInstancesAsync(series.StudyInstanceUid, default);
        compressed.Should().OnlyContain(i => i.StoredBytes * 2 < new FileInfo(files[0]).Length, "the phantom compresses more than 2:1");

        var third = await node.Reader.OpenInstanceAsync(compressed[2].SopInstanceUid, default);
        third!.TransferSyntax.Should().Be(DicomTransferSyntax.JPEGLSLossless);
        var decoded = DicomTranscoder.Transcode(third, DicomTransferSyntax.ExplicitVRLittleEndian);
        decoded.Dataset.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray().Should().Equal(series.Pixels(3), "compression is lossless");
        decoded.Dataset.GetString(DicomTags.PatientName).Should().Be("Zhang^San=张^三");

        await NodeFixture.EventuallyAsync(() => Task.FromResult(
            node.Target.Latest.TryGetValue(series.StudyInstanceUid, out var told) && told.InstanceCount == 5), "the study grain told of 5 instances");
        var arrival = node.Target.Latest[series.StudyInstanceUid];
        arrival.SeriesCount.Should().Be(1);
        arrival.PatientId.Should().Be(series.PatientId);
        arrival.IssuerOfPatientId.Should().Be("HIS");
        arrival.FirstArrival.Should().BeOnOrBefore(arrival.LastArrival);
    }

    [Theory]
    [InlineData("GB18030", "王^五")]
    [InlineData("GBK", "欧阳^娜娜")]
    [InlineData("ISO_IR 192", "Li^Si=李^四")]
    [InlineData("\\ISO 2022 IR 58", "Zhao^Liu=赵^六")]
    public async Task Names_in_each_chinese_character_set_are_indexed_as_text(string characterSet, string name)
    {
        var series = new TestSeries { CharacterSet = characterSet, PatientName = name };
        var files = series.WriteFiles(Path.Combine(node.WorkFolder, "charset-" + Guid.NewGuid().ToString("N")[..6]), 1);

        var (exit, output) = await Dcmtk.StoreAsync(node.Port, "STORESCU", files);

        exit.Should().Be(0, output);
        (await node.Reader.GetStudyAsync(series.StudyInstanceUid, default))!.PatientName.Should().Be(name);
    }

    [Fact]
    public async Task A_secondary_capture_from_the_ai_host_joins_the_study_like_any_image()
    {
        var series = new TestSeries();
        var capture = series.Instance(1);
        capture.Set(DicomTags.SOPClassUID, DicomUids.SecondaryCaptureImageStorage);
        capture.Set(DicomTags.SeriesInstanceUID, DicomUidGenerator.NewUid());
        capture.Set(DicomTags.Modality, "OT");
        var folder = Path.Combine(node.WorkFolder, "sc-" + Guid.NewGuid().ToString("N")[..6]);
        var files = series.WriteFiles(folder, 1).ToList();
        var sc = Path.Combine(folder, "capture.dcm");
        new DicomFile(capture, DicomTransferSyntax.ExplicitVRLittleEndian).Save(sc);

        var (exit, output) = await Dcmtk.StoreAsync(node.Port, "STORESCU", [.. files, sc]);

        exit.Should().Be(0, output);
        var study = await node.Reader.GetStudyAsync(series.StudyInstanceUid, default);
        study!.SeriesCount.Should().Be(2);
        study.Modalities.Should().Equal("CT", "OT");
    }

    [Fact]
    public async Task An_instance_sent_compressed_is_kept_as_received()
    {
        var series = new TestSeries();
        var compressed = DicomTranscoder.Transcode(new DicomFile(series.Instance(1), DicomTransferSyntax.ExplicitVRLittleEndian), DicomTransferSyntax.JPEGLSLossless);
        await using var client = await DicomClient.ConnectAsync(new AssociationRequestOptions
        {
            Host = "127.0.0.1",
            Port = node.Port,
            CallingAeTitle = "TESTSCU",
            CalledAeTitle = "CLOUDFILM",
            PresentationContexts = [new(DicomUids.CTImageStorage, [DicomTransferSyntax.JPEGLSLossless.Uid])],
        }, default);
        using var bytes = new MemoryStream(DicomDatasetWriter.ToBytes(compressed.Dataset, DicomTransferSyntax.JPEGLSLossless));

        var response = await client.StoreAsync(DicomUids.CTImageStorage, compressed.Dataset.GetString(DicomTags.SOPInstanceUID)!, DicomTransferSyntax.JPEGLSLossless.Uid, bytes);
        await client.ReleaseAsync();

        response.Status.Should().Be(DimseStatus.Success);
        var instance = (await node.Reader.ListInstancesAsync(series.StudyInstanceUid, default)).Single();
        instance.TransferSyntaxUid.Should().Be(DicomTransferSyntax.JPEGLSLossless.Uid);
        (await node.ScalarAsync("SELECT count(*) FROM dicom_compression_queue WHERE sop_instance_uid = @u", ("u", instance.SopInstanceUid))).Should().Be(0);
        var stored = await node.Reader.OpenInstanceAsync(instance.SopInstanceUid, default);
        DicomTranscoder.Transcode(stored!, DicomTransferSyntax.ExplicitVRLittleEndian).Dataset.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray()
            .Should().Equal(series.Pixels(1));
    }

    [Fact]
    public async Task Sending_the_same_instances_again_keeps_one_row_each()
    {
        var series = new TestSeries();
        var files = series.WriteFiles(Path.Combine(node.WorkFolder, "dup"), 3);

        (await Dcmtk.StoreAsync(node.Port, "STORESCU", files)).ExitCode.Should().Be(0);
        var (exit, output) = await Dcmtk.StoreAsync(node.Port, "STORESCU", files);

        exit.Should().Be(0, output);
        (await node.ScalarAsync("SELECT count(*) FROM dicom_instances WHERE study_instance_uid = @s", ("s", series.StudyInstanceUid))).Should().Be(3);
        (await node.Reader.GetStudyAsync(series.StudyInstanceUid, default))!.InstanceCount.Should().Be(3);
        (await node.ScalarAsync("SELECT instance_count FROM dicom_series WHERE study_instance_uid = @s", ("s", series.StudyInstanceUid))).Should().Be(3);
    }

    [Fact]
    public async Task Unknown_calling_ae_title_is_rejected_and_nothing_is_stored()
    {
        var series = new TestSeries();
        var files = series.WriteFiles(Path.Combine(node.WorkFolder, "unknown"), 1);

        var (exit, output) = await Dcmtk.StoreAsync(node.Port, "INTRUDER", files);

        exit.Should().NotBe(0);
        output.Should().Contain("Calling AE Title Not Recognized");
        (await node.Reader.GetStudyAsync(series.StudyInstanceUid, default)).Should().BeNull();
    }

    [Fact]
    public async Task Known_ae_title_from_an_address_not_listed_for_it_is_rejected()
    {
        var series = new TestSeries();
        var files = series.WriteFiles(Path.Combine(node.WorkFolder, "elsewhere"), 1);

        var (exit, output) = await Dcmtk.StoreAsync(node.Port, "ELSEWHERE", files);

        exit.Should().NotBe(0);
        output.Should().Contain("Association Rejected");
        (await node.Reader.GetStudyAsync(series.StudyInstanceUid, default)).Should().BeNull();
    }

    [Fact]
    public async Task Wrong_called_ae_title_is_rejected()
    {
        var files = new TestSeries().WriteFiles(Path.Combine(node.WorkFolder, "called"), 1);

        var (exit, output) = await Dcmtk.StoreAsync(node.Port, "STORESCU", files, calledAe: "SOMEONE");

        exit.Should().NotBe(0);
        output.Should().Contain("Called AE Title Not Recognized");
    }

    [Fact]
    public async Task Data_set_whose_uid_differs_from_the_request_fails_and_leaves_nothing_behind()
    {
        var series = new TestSeries();
        var response = await SendAsync(series.Instance(1), commandSopInstanceUid: DicomUidGenerator.NewUid());

        response.Status.Should().Be(DimseStatus.DataSetDoesNotMatchSopClass);
        (await node.Reader.GetStudyAsync(series.StudyInstanceUid, default)).Should().BeNull();
        Directory.EnumerateFiles(node.Blobs.Root, "*", SearchOption.AllDirectories).Should().NotContain(f => f.Contains(series.StudyInstanceUid, StringComparison.Ordinal));
        Directory.EnumerateFiles(Path.Combine(node.Blobs.Root, ".incoming")).Should().BeEmpty("temporary files are removed");
    }

    [Fact]
    public async Task Data_set_without_a_study_uid_fails_with_cannot_understand()
    {
        var series = new TestSeries();
        var dataset = series.Instance(1);
        dataset.Remove(DicomTags.StudyInstanceUID);

        var response = await SendAsync(dataset);

        response.Status.Should().Be(DimseStatus.CannotUnderstand);
        (await node.ScalarAsync("SELECT count(*) FROM dicom_series WHERE series_instance_uid = @s", ("s", series.SeriesInstanceUid))).Should().Be(0);
    }

    [Fact]
    public async Task Garbage_data_set_fails_and_the_association_goes_on()
    {
        var options = Options();
        await using var client = await DicomClient.ConnectAsync(options, default);
        var garbage = new MemoryStream([0x10, 0x00, 0x10, 0x00, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3]);
        var bad = await client.StoreAsync(DicomUids.CTImageStorage, DicomUidGenerator.NewUid(), DicomTransferSyntax.ExplicitVRLittleEndian.Uid, garbage);

        bad.Status.IsSuccessOrWarning.Should().BeFalse();
        var series = new TestSeries();
        var good = await StoreDatasetAsync(client, series.Instance(1), null);
        good.Status.Should().Be(DimseStatus.Success);
        await client.ReleaseAsync();
    }

    private static AssociationRequestOptions OptionsFor(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        CallingAeTitle = "TESTSCU",
        CalledAeTitle = "CLOUDFILM",
        PresentationContexts = [new(DicomUids.CTImageStorage, [DicomTransferSyntax.ExplicitVRLittleEndian.Uid])],
    };

    private AssociationRequestOptions Options() => OptionsFor(node.Port);

    private async Task<DimseResponse> SendAsync(Dicom.Data.DicomDataset dataset, string? commandSopInstanceUid = null)
    {
        await using var client = await DicomClient.ConnectAsync(Options(), default);
        var response = await StoreDatasetAsync(client, dataset, commandSopInstanceUid);
        await client.ReleaseAsync();
        return response;
    }

    internal static async Task<DimseResponse> StoreDatasetAsync(DicomClient client, Dicom.Data.DicomDataset dataset, string? commandSopInstanceUid)
    {
        using var bytes = new MemoryStream(DicomDatasetWriter.ToBytes(dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
        return await client.StoreAsync(DicomUids.CTImageStorage, commandSopInstanceUid ?? dataset.GetString(DicomTags.SOPInstanceUID)!,
            DicomTransferSyntax.ExplicitVRLittleEndian.Uid, bytes);
    }
}
