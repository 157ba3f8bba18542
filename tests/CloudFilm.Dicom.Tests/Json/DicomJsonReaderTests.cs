using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Json;
using CloudFilm.Dicom.Tests.IO;

namespace CloudFilm.Dicom.Tests.Json;

public class DicomJsonReaderTests
{
    [Fact]
    public void Writer_output_reads_back_to_the_same_json()
    {
        var source = TestFiles.Nested();
        source.Set(DicomTags.FrameIncrementPointer, DicomTags.FrameTime);
        source.Set(DicomTags.ImagePositionPatient, 1.5, -2.25, 3);
        source.Set(DicomTags.RecommendedDisplayFrameRateInFloat, DicomVR.FL, 12.5f);
        var json = DicomJsonWriter.Serialize(source);

        var read = DicomJsonReader.Deserialize(json);

        DicomJsonWriter.Serialize(read).Should().Be(json);
        read.GetString(DicomTags.PatientName).Should().Be("Zhang^San=张^三");
        read.GetValues<double>(DicomTags.ImagePositionPatient).Should().Equal(1.5, -2.25, 3);
        read.FindSequence(DicomTags.ReferencedImageSequence)!.Items.Should().HaveCount(2);
    }

    [Fact]
    public void Declared_character_set_is_kept_when_every_character_fits()
    {
        var json = """{"00080005":{"vr":"CS","Value":["ISO_IR 100"]},"00100010":{"vr":"PN","Value":[{"Alphabetic":"Buc^Jérôme"}]}}""";

        var ds = DicomJsonReader.Deserialize(json);

        ds.GetString(DicomTags.SpecificCharacterSet).Should().Be("ISO_IR 100");
        ds.FindElement(DicomTags.PatientName)!.Buffer.Memory.ToArray().Should().Equal(System.Text.Encoding.Latin1.GetBytes("Buc^Jérôme"));
    }

    [Fact]
    public void Text_that_does_not_fit_the_declared_set_switches_the_dataset_to_utf8()
    {
        var json = """
            {"00080005":{"vr":"CS","Value":["ISO_IR 100"]},
             "00081110":{"vr":"SQ","Value":[{"00100010":{"vr":"PN","Value":[{"Alphabetic":"Zhang","Ideographic":"张"}]}}]}}
            """;

        var ds = DicomJsonReader.Deserialize(json);

        ds.GetString(DicomTags.SpecificCharacterSet).Should().Be("ISO_IR 192");
        ds.FindSequence(DicomTags.ReferencedStudySequence)!.Items[0].GetString(DicomTags.PatientName).Should().Be("Zhang=张");
    }

    [Fact]
    public void Numbers_and_strings_are_both_accepted_for_ds_and_is()
    {
        var json = """{"00180050":{"vr":"DS","Value":[2.5]},"00200013":{"vr":"IS","Value":["7"]},"00280030":{"vr":"DS","Value":["0.5",1E-3]}}""";

        var ds = DicomJsonReader.Deserialize(json);

        ds.GetValue<double>(DicomTags.SliceThickness).Should().Be(2.5);
        ds.GetValue<int>(DicomTags.InstanceNumber).Should().Be(7);
        ds.GetValues<double>(DicomTags.PixelSpacing).Should().Equal(0.5, 0.001);
    }

    [Fact]
    public void Null_entries_are_empty_values_and_bulk_data_is_resolved_through_the_callback()
    {
        var json = """{"00080008":{"vr":"CS","Value":["A",null,"B"]},"7FE00010":{"vr":"OW","BulkDataURI":"http://x/frames/1"}}""";

        var ds = DicomJsonReader.Deserialize(json, new DicomJsonReaderOptions { ResolveBulkData = (uri, _, _) => new byte[] { 1, 2 } });

        ds.GetStrings(DicomTags.ImageType).Should().Equal("A", "", "B");
        ds.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray().Should().Equal(1, 2);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"0010":{"vr":"PN"}}""")]
    [InlineData("""{"00100010":{"vr":"XX"}}""")]
    [InlineData("""{"00280010":{"vr":"US","Value":["many"]}}""")]
    [InlineData("""{"00280009":{"vr":"AT","Value":[12]}}""")]
    [InlineData("""{"7FE00010":{"vr":"OB","InlineBinary":"%%%"}}""")]
    public void Malformed_json_is_a_dicom_error(string json)
    {
        var act = () => DicomJsonReader.Deserialize(json);

        act.Should().Throw<DicomException>();
    }
}
