using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.IO;

public class DicomFileTests
{
    [Fact]
    public void Written_file_has_preamble_prefix_and_exact_meta_group_length()
    {
        var bytes = TestFiles.FileBytes(TestFiles.Image(), DicomTransferSyntax.ExplicitVRLittleEndian);

        bytes.AsSpan(128, 4).ToArray().Should().Equal("DICM"u8.ToArray());
        var file = DicomFile.Read(new MemoryStream(bytes));
        var groupLength = file.Meta.GetValue<uint>(DicomTags.FileMetaInformationGroupLength);
        var metaEnd = 132 + 12 + groupLength;
        BitConverter.ToUInt16(bytes, (int)metaEnd).Should().Be(0x0008, "the data set starts right after the meta group");
        file.Meta.GetString(DicomTags.MediaStorageSOPInstanceUID).Should().Be("1.2.3.4");
        file.Meta.GetString(DicomTags.ImplementationClassUID).Should().Be(DicomUids.ImplementationClassUid);
    }

    [Theory]
    [InlineData(DicomUids.ImplicitVRLittleEndian)]
    [InlineData(DicomUids.ExplicitVRLittleEndian)]
    [InlineData(DicomUids.DeflatedExplicitVRLittleEndian)]
    public void File_round_trips_byte_for_byte(string uid)
    {
        var bytes = TestFiles.FileBytes(TestFiles.Image(), DicomTransferSyntax.Lookup(uid));

        var file = DicomFile.Read(new MemoryStream(bytes));
        file.TransferSyntax.Uid.Should().Be(uid);
        file.Dataset.GetString(DicomTags.PatientName).Should().Be("Zhang^San=张^三");
        using var again = new MemoryStream();
        file.Write(again);

        again.ToArray().Should().Equal(bytes);
    }

    [Fact]
    public void Bare_dataset_without_preamble_or_meta_has_its_syntax_guessed()
    {
        var implicitBytes = DicomDatasetWriter.ToBytes(TestFiles.Image(), DicomTransferSyntax.ImplicitVRLittleEndian);
        var explicitBytes = DicomDatasetWriter.ToBytes(TestFiles.Image(), DicomTransferSyntax.ExplicitVRLittleEndian);

        var i = DicomFile.Read(new MemoryStream(implicitBytes));
        var e = DicomFile.Read(new MemoryStream(explicitBytes));

        i.IsTransferSyntaxGuessed.Should().BeTrue();
        i.TransferSyntax.Should().Be(DicomTransferSyntax.ImplicitVRLittleEndian);
        e.TransferSyntax.Should().Be(DicomTransferSyntax.ExplicitVRLittleEndian);
        i.Dataset.GetValue<int>(DicomTags.Rows).Should().Be(4);
        e.Preamble.Should().BeNull();
    }

    [Fact]
    public void Meta_without_transfer_syntax_is_read_to_the_end_of_group_2_and_the_syntax_sniffed()
    {
        var meta = new RawEncoding()
            .Tag(2, 0).Ascii("UL").U16(4).U32(999) // wrong group length: must not be trusted
            .Short(2, 2, "UI", DicomUids.SecondaryCaptureImageStorage)
            .ToArray();
        var body = DicomDatasetWriter.ToBytes(TestFiles.Image(), DicomTransferSyntax.ImplicitVRLittleEndian);
        var bytes = new byte[128].Concat("DICM"u8.ToArray()).Concat(meta).Concat(body).ToArray();

        var file = DicomFile.Read(new MemoryStream(bytes));

        file.IsTransferSyntaxGuessed.Should().BeTrue();
        file.TransferSyntax.Should().Be(DicomTransferSyntax.ImplicitVRLittleEndian);
        file.Dataset.GetString(DicomTags.PatientID).Should().Be("P1");
    }

    [Fact]
    public void Stop_before_pixel_data_reads_the_header_only()
    {
        var bytes = TestFiles.FileBytes(TestFiles.Image(64, 64), DicomTransferSyntax.ExplicitVRLittleEndian);

        var file = DicomFile.Read(new MemoryStream(bytes), new DicomReadOptions { StopBeforePixelData = true });

        file.IsPixelDataOmitted.Should().BeTrue();
        file.Dataset.Contains(DicomTags.PixelData).Should().BeFalse();
        file.Dataset.GetValue<int>(DicomTags.Rows).Should().Be(64);
        var write = () => file.Write(new MemoryStream());
        write.Should().Throw<DicomException>("writing a header-only read would lose the pixel data");
    }

    [Fact]
    public void Opening_by_path_leaves_large_values_in_the_file_until_needed()
    {
        var path = Path.GetTempFileName();
        try
        {
            var source = TestFiles.Image(256, 256);
            File.WriteAllBytes(path, TestFiles.FileBytes(source, DicomTransferSyntax.ExplicitVRLittleEndian));

            var file = DicomFile.Open(path, new DicomReadOptions { DeferValuesFromBytes = 1024 });

            var pixels = file.Dataset.FindElement(DicomTags.PixelData)!;
            pixels.Buffer.Should().BeOfType<FileRangeDicomBuffer>();
            pixels.Buffer.IsInMemory.Should().BeFalse();
            pixels.Buffer.Memory.ToArray().Should().Equal(source.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray());
            using var copy = new MemoryStream();
            file.Write(copy);
            copy.ToArray().Should().Equal(File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Deflated_file_is_padded_to_even_length_and_reads_from_a_forward_only_stream()
    {
        var bytes = TestFiles.FileBytes(TestFiles.Image(), DicomTransferSyntax.DeflatedExplicitVRLittleEndian);

        (bytes.Length % 2).Should().Be(0);
        var file = DicomFile.Read(new ForwardOnlyStream(bytes));
        file.Dataset.GetString(DicomTags.PatientID).Should().Be("P1");
    }

    [Fact]
    public void Big_endian_file_reads_and_rewrites_as_little_endian()
    {
        var body = new RawEncoding(bigEndian: true)
            .Short(0x0008, 0x0060, "CS", "MR")
            .Tag(0x0028, 0x0010).Ascii("US").U16(2).U16(1)
            .ToArray();
        var meta = new RawEncoding().Short(2, 0x10, "UI", "1.2.840.10008.1.2.2\0").ToArray();
        var bytes = new byte[128].Concat("DICM"u8.ToArray()).Concat(meta).Concat(body).ToArray();

        var file = DicomFile.Read(new MemoryStream(bytes));
        file.TransferSyntax.Should().Be(DicomTransferSyntax.ExplicitVRBigEndian);
        var write = () => file.Write(new MemoryStream());
        write.Should().Throw<DicomException>("big endian is retired and read only");
        file.SetTransferSyntax(DicomTransferSyntax.ExplicitVRLittleEndian);
        using var le = new MemoryStream();
        file.Write(le);

        DicomFile.Read(new MemoryStream(le.ToArray())).Dataset.GetValue<int>(DicomTags.Rows).Should().Be(1);
    }
}
