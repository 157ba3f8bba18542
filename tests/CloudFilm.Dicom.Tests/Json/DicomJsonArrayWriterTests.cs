using System.IO.Pipelines;
using System.Text.Json;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Json;
using CloudFilm.Dicom.Tests.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Json;

public class DicomJsonArrayWriterTests
{
    private static DicomDataset Instance(int number) => new DicomDataset()
        .Set(DicomTags.SOPInstanceUID, $"1.2.3.{number}")
        .Set(DicomTags.InstanceNumber, number)
        .Set(DicomTags.PatientName, "Doe^John");

    [Fact]
    public async Task Data_sets_stream_into_one_json_array_on_a_stream()
    {
        using var output = new MemoryStream();
        await using (var writer = new DicomJsonArrayWriter(output))
        {
            for (var i = 1; i <= 600; i++)
            {
                await writer.WriteAsync(Instance(i));
            }
            output.Length.Should().BeGreaterThan(0, "large answers are flushed while they are written");
            await writer.CompleteAsync();
            writer.Count.Should().Be(600);
        }

        var array = JsonDocument.Parse(output.ToArray()).RootElement;
        array.GetArrayLength().Should().Be(600);
        array[599].GetProperty("00200013").GetProperty("Value")[0].GetInt32().Should().Be(600);
    }

    [Fact]
    public async Task Data_sets_stream_into_a_pipe()
    {
        var pipe = new Pipe();
        var writer = new DicomJsonArrayWriter(pipe.Writer);
        await writer.WriteAsync(Instance(1));
        await writer.WriteAsync(Instance(2));
        await writer.CompleteAsync();
        await writer.DisposeAsync();
        await pipe.Writer.CompleteAsync();

        using var read = new MemoryStream();
        await pipe.Reader.CopyToAsync(read);
        JsonDocument.Parse(read.ToArray()).RootElement.GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task Objects_serialised_earlier_are_copied_into_the_array()
    {
        using var output = new MemoryStream();
        await using var writer = new DicomJsonArrayWriter(output);

        await writer.WriteAsync(Instance(1));
        await writer.WriteRawAsync(System.Text.Encoding.UTF8.GetBytes(DicomJsonWriter.Serialize(Instance(2))));
        await writer.CompleteAsync();

        var array = JsonDocument.Parse(output.ToArray()).RootElement;
        array.GetArrayLength().Should().Be(2);
        array[1].GetProperty("00200013").GetProperty("Value")[0].GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task No_data_set_is_an_empty_array()
    {
        using var output = new MemoryStream();
        await using var writer = new DicomJsonArrayWriter(output);

        await writer.CompleteAsync();

        System.Text.Encoding.UTF8.GetString(output.ToArray()).Should().Be("[]");
    }

    [Fact]
    public void Include_tags_keep_only_those_attributes_and_the_creators_of_private_ones()
    {
        var ds = Instance(1);
        var privateTag = ds.GetOrReservePrivateTag(0x0029, "CLOUDFILM", 0x01);
        ds.Set(privateTag, DicomVR.LO, "kept");
        ds.Set(ds.GetOrReservePrivateTag(0x0031, "OTHER", 0x01), DicomVR.LO, "dropped");
        ds.Add(new DicomSequence(DicomTags.ReferencedImageSequence, new DicomDataset().Set(DicomTags.ReferencedSOPInstanceUID, "1.2")));

        var json = JsonDocument.Parse(DicomJsonWriter.Serialize(ds, new DicomJsonWriterOptions
        {
            IncludeTags = new HashSet<DicomTag> { DicomTags.SOPInstanceUID, privateTag, DicomTags.ReferencedImageSequence },
        })).RootElement;

        json.EnumerateObject().Select(p => p.Name).Should().Equal("00080018", "00081140", "00290010", "00291001");
        json.GetProperty("00081140").GetProperty("Value")[0].TryGetProperty("00081155", out _).Should().BeTrue("a sequence comes whole");
    }

    [Fact]
    public void Bulk_data_uris_name_the_path_of_the_value_and_find_it_again()
    {
        var ds = Instance(1);
        var item = new DicomDataset();
        ds.Add(new DicomSequence(DicomTags.ReferencedImageSequence, new DicomDataset(), item));
        item.Set(new DicomTag(0x0009, 0x0010), DicomVR.LO, "VENDOR");
        item.AddOrUpdate(new DicomElement(new DicomTag(0x0009, 0x1001), DicomVR.OB, new byte[] { 1, 2 }));
        ds.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW, new byte[4]));
        ds.Set(DicomTags.TimeRange, DicomVR.FD, 1.0, 2.0);

        var json = JsonDocument.Parse(DicomJsonWriter.Serialize(ds, new DicomJsonWriterOptions { BulkDataUri = DicomBulkData.UriUnder("/bulk/") })).RootElement;

        json.GetProperty("7FE00010").GetProperty("BulkDataURI").GetString().Should().Be("/bulk/7FE00010");
        var uri = json.GetProperty("00081140").GetProperty("Value")[1].GetProperty("00091001").GetProperty("BulkDataURI").GetString()!;
        uri.Should().Be("/bulk/00081140/1/00091001");
        json.GetProperty("00081163").GetProperty("Value").GetArrayLength().Should().Be(2, "small numbers stay inline");
        DicomAttributePath.TryParse(uri["/bulk/".Length..], out var path).Should().BeTrue();
        path!.Find(ds).Should().BeSameAs(item.Find(new DicomTag(0x0009, 0x1001)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0008114")]
    [InlineData("00081140/1")]
    [InlineData("00081140/x/00091001")]
    [InlineData("00081140/-1/00091001")]
    public void Malformed_attribute_paths_are_refused(string text) =>
        DicomAttributePath.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void An_undefined_length_UN_is_a_sequence_in_json()
    {
        var bytes = DatasetReaderTests.UnknownSequenceOfUndefinedLength();

        var json = DicomJsonWriter.Serialize(DicomDatasetReader.Read(bytes, DicomTransferSyntax.ExplicitVRLittleEndian));

        json.Should().Be("""{"00090010":{"vr":"LO","Value":["VENDOR"]},"00091000":{"vr":"SQ","Value":[{"00100010":{"vr":"PN","Value":[{"Alphabetic":"Doe^Jo"}]}}]}}""");
    }
}
