using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Identifiers;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Network;

public class FlatDataSetTests
{
    private static DicomDataset Query()
    {
        var item = new DicomDataset().Set(DicomTags.ReferencedSOPClassUID, DicomVR.UI, "1.2.3");
        var query = new DicomDataset()
            .Set(DicomTags.QueryRetrieveLevel, DicomVR.CS, "STUDY")
            .Set(DicomTags.PatientName, DicomVR.PN, "DOE^J*");
        query.Add(new DicomSequence(DicomTags.ReferencedStudySequence, [item]));
        query.Set(DicomTags.StudyInstanceUID, DicomVR.UI, "");
        return query;
    }

    [Theory]
    [InlineData(DicomUids.ImplicitVRLittleEndian)]
    [InlineData(DicomUids.ExplicitVRLittleEndian)]
    public void Reads_top_level_keys_and_steps_over_sequences(string syntax)
    {
        var bytes = DicomDatasetWriter.ToBytes(Query(), DicomTransferSyntax.Lookup(syntax));
        var flat = FlatDataSet.Parse(bytes, syntax);

        flat.QueryRetrieveLevel.Should().Be("STUDY");
        flat.GetString(DicomTags.PatientName).Should().Be("DOE^J*");
        flat.Contains(DicomTags.ReferencedStudySequence).Should().BeTrue();
        flat.GetString(DicomTags.StudyInstanceUID).Should().BeEmpty();
        flat.Elements.Select(e => e.Tag.Value).Should().BeInAscendingOrder();
        flat.Elements.Should().HaveCount(4);
    }

    [Fact]
    public void Builder_output_reads_back_with_the_core_reader()
    {
        var bytes = new IdentifierBuilder()
            .Add(DicomTags.QueryRetrieveLevel, "SERIES")
            .Add(DicomTags.StudyInstanceUID, "1.2.3")
            .ToImplicitLittleEndian();
        var dataset = DicomDatasetReader.Read(bytes, DicomTransferSyntax.ImplicitVRLittleEndian);
        dataset.GetString(DicomTags.QueryRetrieveLevel).Should().Be("SERIES");
        dataset.GetString(DicomTags.StudyInstanceUID).Should().Be("1.2.3");
        bytes.Length.Should().Be(8 + 6 + 8 + 6);
    }

    [Fact]
    public void Length_past_the_end_is_a_format_error_with_the_tag()
    {
        var bytes = new byte[] { 0x10, 0x00, 0x10, 0x00, 100, 0, 0, 0, (byte)'A', (byte)'B' };
        var act = () => FlatDataSet.Parse(bytes, DicomUids.ImplicitVRLittleEndian);
        act.Should().Throw<DicomFormatException>().Which.Tag.Should().Be(DicomTags.PatientName);
    }
}
