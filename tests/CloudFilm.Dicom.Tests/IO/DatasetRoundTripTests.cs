using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.IO;

public class DatasetRoundTripTests
{
    public static TheoryData<string> WritableSyntaxes => new()
    {
        DicomTransferSyntax.ImplicitVRLittleEndian.Uid,
        DicomTransferSyntax.ExplicitVRLittleEndian.Uid,
        DicomTransferSyntax.DeflatedExplicitVRLittleEndian.Uid,
    };

    private static DicomDataset Sample()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTags.PatientName, "Doe^John");
        ds.Set(DicomTags.PatientID, "12345");
        ds.Set(DicomTags.Rows, (ushort)512);
        ds.Set(DicomTags.PixelSpacing, 0.5, 0.25);
        ds.Set(DicomTags.SOPInstanceUID, "1.2.3.4.5");
        var item = new DicomDataset();
        item.Set(DicomTags.CodeValue, "T-1000");
        item.Set(DicomTags.CodeMeaning, "Head");
        ds.Add(new DicomSequence(DicomTags.AnatomicRegionSequence, item));
        return ds;
    }

    [Theory]
    [MemberData(nameof(WritableSyntaxes))]
    public void Written_dataset_reads_back_with_same_values(string uid)
    {
        var syntax = DicomTransferSyntax.Lookup(uid);
        var bytes = DicomDatasetWriter.ToBytes(Sample(), syntax);

        var read = DicomDatasetReader.Read(bytes, syntax);

        read.GetString(DicomTags.PatientName).Should().Be("Doe^John");
        read.GetValue<int>(DicomTags.Rows).Should().Be(512);
        read.GetValues<double>(DicomTags.PixelSpacing).Should().Equal(0.5, 0.25);
        read.GetString(DicomTags.SOPInstanceUID).Should().Be("1.2.3.4.5");
        read.FindSequence(DicomTags.AnatomicRegionSequence)!.Items.Single().GetString(DicomTags.CodeMeaning).Should().Be("Head");
        DicomDatasetWriter.ToBytes(read, syntax).Should().Equal(bytes);
    }

    [Fact]
    public void Odd_length_values_are_padded_to_even_with_the_vr_padding()
    {
        var ds = new DicomDataset();
        ds.Set(DicomTags.SOPInstanceUID, "1.2.3");
        ds.Set(DicomTags.PatientID, "ABC");

        var bytes = DicomDatasetWriter.ToBytes(ds, DicomTransferSyntax.ExplicitVRLittleEndian);

        bytes.Should().Equal(
            0x08, 0x00, 0x18, 0x00, (byte)'U', (byte)'I', 6, 0, (byte)'1', (byte)'.', (byte)'2', (byte)'.', (byte)'3', 0,
            0x10, 0x00, 0x20, 0x00, (byte)'L', (byte)'O', 4, 0, (byte)'A', (byte)'B', (byte)'C', (byte)' ');
    }
}

public class AsyncDatasetStreamingTests
{
    [Fact]
    public async Task Async_write_and_read_give_the_same_bytes_as_the_synchronous_ones()
    {
        var ds = new DicomDataset().Set(DicomTags.PatientName, "Doe^John").Set(DicomTags.Rows, (ushort)7);
        using var written = new MemoryStream();

        await DicomDatasetWriter.WriteAsync(written, ds, DicomTransferSyntax.ImplicitVRLittleEndian);
        var read = await DicomDatasetReader.ReadAsync(new ForwardOnlyStream(written.ToArray()), DicomTransferSyntax.ImplicitVRLittleEndian, 1 << 20);

        written.ToArray().Should().Equal(DicomDatasetWriter.ToBytes(ds, DicomTransferSyntax.ImplicitVRLittleEndian));
        read.GetValue<int>(DicomTags.Rows).Should().Be(7);
    }

    [Fact]
    public async Task Async_read_refuses_more_than_the_allowed_length()
    {
        var act = () => DicomDatasetReader.ReadAsync(new ForwardOnlyStream(new byte[5000]), DicomTransferSyntax.ImplicitVRLittleEndian, 1000);

        await act.Should().ThrowAsync<DicomFormatException>();
    }
}
