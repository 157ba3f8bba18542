using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Tests.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Network;

public sealed class Part10SendingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cf-send-" + Guid.NewGuid().ToString("N"));

    public Part10SendingTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteFile(string sopInstanceUid, DicomTransferSyntax syntax)
    {
        var dataset = DicomDatasetReader.Read(TestInstances.DataSet(sopInstanceUid, 3000), DicomTransferSyntax.ExplicitVRLittleEndian);
        var path = Path.Combine(_folder, sopInstanceUid + ".dcm");
        new DicomFile(dataset, syntax).Save(path);
        return path;
    }

    [Fact]
    public async Task A_file_goes_as_stored_when_its_syntax_is_accepted()
    {
        var path = WriteFile("1.4.1", DicomTransferSyntax.ExplicitVRLittleEndian);
        var header = DicomFileHeader.Read(path);
        var store = new MemoryStoreHandler();
        await using var server = new TestServer(new DicomServiceHandlers { Store = store });
        await using var client = await DicomClient.ConnectAsync(server.Request([.. Part10Sending.ContextsFor([header])]), CancellationToken.None);

        (await client.StoreFileAsync(path, header)).Status.Should().Be(DimseStatus.Success);
        await client.ReleaseAsync();

        header.SopClassUid.Should().Be(DicomUids.CTImageStorage);
        store.Requests.Single().TransferSyntaxUid.Should().Be(DicomUids.ExplicitVRLittleEndian);
        store.Stored["1.4.1"].Should().Equal(File.ReadAllBytes(path).AsSpan((int)header.DataSetOffset).ToArray());
    }

    [Fact]
    public async Task A_native_file_is_re_encoded_when_the_scp_takes_only_implicit_little_endian()
    {
        var path = WriteFile("1.4.2", DicomTransferSyntax.ExplicitVRLittleEndian);
        var header = DicomFileHeader.Read(path);
        var store = new MemoryStoreHandler();
        await using var server = new TestServer(new DicomServiceHandlers { Store = store }, o => o with
        {
            PreferredTransferSyntaxes = [DicomUids.ImplicitVRLittleEndian],
            AcceptAnyStorageTransferSyntax = false,
        });
        await using var client = await DicomClient.ConnectAsync(server.Request([.. Part10Sending.ContextsFor([header])]), CancellationToken.None);

        (await client.StoreFileAsync(path, header)).Status.Should().Be(DimseStatus.Success);
        await client.ReleaseAsync();

        store.Requests.Single().TransferSyntaxUid.Should().Be(DicomUids.ImplicitVRLittleEndian);
        var received = DicomDatasetReader.Read(store.Stored["1.4.2"], DicomTransferSyntax.ImplicitVRLittleEndian);
        received.GetString(DicomTags.PatientName).Should().Be("DOE^JOHN");
        received.FindElement(DicomTags.PixelData)!.Length.Should().Be(3000);
    }

    [Fact]
    public async Task A_compressed_file_is_decompressed_when_the_scp_refuses_its_syntax()
    {
        var original = new DicomFile(TestFiles.Image(8, 8, bitsAllocated: 8), DicomTransferSyntax.ExplicitVRLittleEndian);
        var path = Path.Combine(_folder, "jpeg-ls.dcm");
        DicomTranscoder.Transcode(original, DicomTransferSyntax.JPEGLSLossless).Save(path);
        var header = DicomFileHeader.Read(path);
        var store = new MemoryStoreHandler();
        await using var server = new TestServer(new DicomServiceHandlers { Store = store }, o => o with { AcceptAnyStorageTransferSyntax = false });
        await using var client = await DicomClient.ConnectAsync(server.Request([.. Part10Sending.ContextsFor([header])]), CancellationToken.None);

        (await client.StoreFileAsync(path, header)).Status.Should().Be(DimseStatus.Success);
        await client.ReleaseAsync();

        header.TransferSyntaxUid.Should().Be(DicomTransferSyntax.JPEGLSLossless.Uid);
        store.Requests.Single().TransferSyntaxUid.Should().Be(DicomUids.ExplicitVRLittleEndian);
        var received = DicomDatasetReader.Read(store.Stored["1.2.3.4"], DicomTransferSyntax.ExplicitVRLittleEndian);
        received.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray()
            .Should().Equal(original.Dataset.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray());
    }

    [Fact]
    public void Files_are_proposed_in_their_own_syntax_and_an_uncompressed_fallback()
    {
        var contexts = Part10Sending.ContextsFor(
        [
            new DicomFileHeader("1.2.3", "9.1", DicomUids.JPEGLSLossless, 0),
            new DicomFileHeader("1.2.3", "9.2", DicomUids.JPEGLSLossless, 0),
            new DicomFileHeader("1.2.3", "9.3", DicomUids.ExplicitVRBigEndian, 0),
        ]);

        contexts.Should().HaveCount(3);
        contexts[0].TransferSyntaxes.Should().Equal(DicomUids.JPEGLSLossless);
        contexts[1].TransferSyntaxes.Should().Equal(DicomUids.ExplicitVRBigEndian);
        contexts[2].TransferSyntaxes.Should().Equal(DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian);
    }

    [Fact]
    public void Header_reading_finds_uids_and_the_data_set_offset_without_decoding_the_data_set()
    {
        var path = WriteFile("1.4.3", DicomTransferSyntax.ImplicitVRLittleEndian);
        var header = DicomFileHeader.Read(path);

        header.Should().Be(new DicomFileHeader(DicomUids.CTImageStorage, "1.4.3", DicomUids.ImplicitVRLittleEndian, header.DataSetOffset));
        var rest = File.ReadAllBytes(path).AsMemory((int)header.DataSetOffset);
        DicomDatasetReader.Read(rest, DicomTransferSyntax.ImplicitVRLittleEndian).GetString(DicomTags.SOPInstanceUID).Should().Be("1.4.3");
    }

    [Fact]
    public void Received_data_sets_become_part_10_files_the_core_reader_opens()
    {
        var data = TestInstances.DataSet("1.4.4", 100, syntaxUid: DicomUids.ImplicitVRLittleEndian);
        var path = Path.Combine(_folder, "received.dcm");
        File.WriteAllBytes(path, [.. DicomFileHeader.Build(DicomUids.CTImageStorage, "1.4.4", DicomUids.ImplicitVRLittleEndian, "MODALITY"), .. data]);

        var file = DicomFile.Open(path);
        file.TransferSyntax.Should().Be(DicomTransferSyntax.ImplicitVRLittleEndian);
        file.IsTransferSyntaxGuessed.Should().BeFalse();
        file.Meta.GetString(DicomTags.SourceApplicationEntityTitle).Should().Be("MODALITY");
        file.Dataset.GetString(DicomTags.SOPInstanceUID).Should().Be("1.4.4");
    }
}
