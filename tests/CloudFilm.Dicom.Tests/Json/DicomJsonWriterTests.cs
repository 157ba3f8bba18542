using System.Text.Json;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Json;

namespace CloudFilm.Dicom.Tests.Json;

public class DicomJsonWriterTests
{
    private static JsonElement Parse(DicomDataset ds, DicomJsonWriterOptions? options = null) =>
        JsonDocument.Parse(DicomJsonWriter.Serialize(ds, options)).RootElement;

    [Fact]
    public void Keys_are_upper_case_hex_and_every_entry_has_a_vr()
    {
        var json = Parse(new DicomDataset().Set(DicomTags.SOPInstanceUID, "1.2.3").Set(new DicomTag(0x0029, 0x0010), DicomVR.LO, "PRIV"));

        json.GetProperty("00080018").GetProperty("vr").GetString().Should().Be("UI");
        json.GetProperty("00080018").GetProperty("Value")[0].GetString().Should().Be("1.2.3");
        json.GetProperty("00290010").GetProperty("vr").GetString().Should().Be("LO");
    }

    [Fact]
    public void Person_names_are_objects_with_non_empty_groups_only()
    {
        var ds = new DicomDataset().Set(DicomTags.SpecificCharacterSet, "ISO_IR 192").Set(DicomTags.PatientName, "Zhang^San=张^三");

        var pn = Parse(ds).GetProperty("00100010").GetProperty("Value")[0];

        pn.GetProperty("Alphabetic").GetString().Should().Be("Zhang^San");
        pn.GetProperty("Ideographic").GetString().Should().Be("张^三");
        pn.TryGetProperty("Phonetic", out _).Should().BeFalse();
    }

    [Fact]
    public void Numbers_are_json_numbers_and_invalid_originals_stay_strings()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(new DicomElement(DicomTags.PixelSpacing, DicomVR.DS, "0.5\\+1.5E2"u8.ToArray()));
        ds.AddOrUpdate(new DicomElement(DicomTags.SliceThickness, DicomVR.DS, "abc "u8.ToArray()));
        ds.Set(DicomTags.Rows, (ushort)512);
        ds.Set(DicomTags.InstanceNumber, 7);

        var json = Parse(ds);

        var spacing = json.GetProperty("00280030").GetProperty("Value");
        spacing[0].GetDouble().Should().Be(0.5);
        spacing[1].GetDouble().Should().Be(150);
        json.GetProperty("00180050").GetProperty("Value")[0].GetString().Should().Be("abc");
        json.GetProperty("00280010").GetProperty("Value")[0].GetInt32().Should().Be(512);
        json.GetProperty("00200013").GetProperty("Value")[0].GetInt32().Should().Be(7);
    }

    [Fact]
    public void Empty_elements_have_only_a_vr_and_empty_list_values_are_null()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(new DicomElement(DicomTags.ImageComments, DicomVR.LT, DicomBuffer.Empty));
        ds.AddOrUpdate(new DicomElement(DicomTags.ImageType, DicomVR.CS, "A\\\\B "u8.ToArray()));

        var json = Parse(ds);

        json.GetProperty("00204000").EnumerateObject().Select(p => p.Name).Should().Equal("vr");
        var types = json.GetProperty("00080008").GetProperty("Value");
        types[1].ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Sequences_attribute_tags_and_binary_values()
    {
        var ds = new DicomDataset();
        ds.Add(new DicomSequence(DicomTags.ReferencedImageSequence, new DicomDataset().Set(DicomTags.ReferencedSOPInstanceUID, "1.2"), new DicomDataset()));
        ds.Set(DicomTags.FrameIncrementPointer, DicomTags.FrameTime);
        ds.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW, new byte[] { 1, 2, 3, 4 }));
        ds.AddOrUpdate(new DicomElement(new DicomTag(0x0009, 0x1001), DicomVR.OB, new byte[] { 9, 9 }));

        var json = Parse(ds, new DicomJsonWriterOptions { BulkDataUri = (item, _) => item.Tag == DicomTags.PixelData ? "frames/1" : null });

        var items = json.GetProperty("00081140").GetProperty("Value");
        items.GetArrayLength().Should().Be(2);
        items[1].EnumerateObject().Should().BeEmpty();
        json.GetProperty("00280009").GetProperty("Value")[0].GetString().Should().Be("00181063");
        json.GetProperty("7FE00010").GetProperty("BulkDataURI").GetString().Should().Be("frames/1");
        json.GetProperty("00091001").GetProperty("InlineBinary").GetString().Should().Be(Convert.ToBase64String(new byte[] { 9, 9 }));
    }

    [Fact]
    public void Non_finite_floats_are_carried_as_binary()
    {
        var ds = new DicomDataset().Set(DicomTags.RecommendedDisplayFrameRateInFloat, DicomVR.FL, float.NaN);

        Parse(ds).GetProperty("00089459").TryGetProperty("InlineBinary", out _).Should().BeTrue();
    }
}
