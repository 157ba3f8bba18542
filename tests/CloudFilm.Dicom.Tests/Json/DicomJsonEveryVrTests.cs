using System.Text.Json;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Json;

namespace CloudFilm.Dicom.Tests.Json;

/// <summary>Every VR through the DICOM JSON model (PS3.18 F.2.3, Table F.2.3-1), both ways.</summary>
public class DicomJsonEveryVrTests
{
    public static TheoryData<string> CharacterSets() => new() { "ISO_IR 192", "GB18030", "GBK", @"\ISO 2022 IR 58" };

    [Fact]
    public void Each_vr_has_the_json_type_of_table_F_2_3_1()
    {
        var json = JsonDocument.Parse(DicomJsonWriter.Serialize(EveryVrDataset.Build())).RootElement;
        JsonElement Attribute(string vr) => json.GetProperty(Key(EveryVrDataset.TagOf[vr]));
        JsonValueKind First(string vr) => Attribute(vr).GetProperty("Value")[0].ValueKind;

        foreach (var vr in DicomVR.All.Select(v => v.Code))
        {
            Attribute(vr).GetProperty("vr").GetString().Should().Be(vr);
        }
        foreach (var vr in new[] { "AE", "AS", "AT", "CS", "DA", "DT", "LO", "LT", "SH", "ST", "TM", "UC", "UI", "UR", "UT" })
        {
            First(vr).Should().Be(JsonValueKind.String, vr);
        }
        foreach (var vr in new[] { "DS", "FL", "FD", "IS", "SL", "SS", "UL", "US" })
        {
            First(vr).Should().Be(JsonValueKind.Number, vr);
        }
        foreach (var vr in new[] { "SV", "UV" })
        {
            Attribute(vr).GetProperty("Value")[1].ValueKind.Should().Be(JsonValueKind.Number, $"{vr} within 2^53");
        }
        foreach (var vr in new[] { "OB", "OD", "OF", "OL", "OV", "OW", "UN" })
        {
            Attribute(vr).TryGetProperty("InlineBinary", out _).Should().BeTrue(vr);
        }
        First("PN").Should().Be(JsonValueKind.Object);
        First("SQ").Should().Be(JsonValueKind.Object);
    }

    [Fact]
    public void Values_are_written_as_the_standard_shows_them()
    {
        var json = JsonDocument.Parse(DicomJsonWriter.Serialize(EveryVrDataset.Build())).RootElement;
        string Raw(string vr) => json.GetProperty(Key(EveryVrDataset.TagOf[vr])).GetProperty("Value").GetRawText();

        Raw("AT").Should().Be("""["00181063","00100020"]""");
        Raw("CS").Should().Be("""["ORIGINAL",null,"AXIAL"]""", "an empty value among others is null (F.2.5)");
        Raw("DS").Should().Be("[0.5,-1.25E3]", "the decimal string's own digits");
        Raw("IS").Should().Be("[42]");
        Raw("FL").Should().Be("[12.5]");
        Raw("SL").Should().Be("[-5,70000]");
        Raw("UL").Should().Be("[4000000000,1]");
        Raw("SV").Should().Be("""["-1152921504606846976",5]""", "beyond 2^53 a string keeps every digit (F.2.3 note)");
        Raw("UV").Should().Be("""["9223372036854775809",7]""");
        Raw("ST").Should().Be("""["  北京市 leading spaces kept"]""", "ST keeps leading spaces; Chinese is not \\u-escaped");
        Raw("PN").Should().Be("""[{"Alphabetic":"Zhang^San","Ideographic":"张^三","Phonetic":"zhang^san"},{"Alphabetic":"Li^Si"}]""");
        Raw("SQ").Should().Be("""[{"00080104":{"vr":"LO","Value":["胸"]},"00081155":{"vr":"UI","Value":["1.2.3.4.5"]}},{}]""", "an empty item is {}");
        json.GetProperty(Key(EveryVrDataset.PrivateCreator)).GetProperty("Value")[0].GetString().Should().Be("CLOUDFILM TEST");
        json.GetProperty(Key(EveryVrDataset.TagOf["UN"])).GetProperty("InlineBinary").GetString().Should().Be(Convert.ToBase64String([9, 8, 7, 6]));
    }

    [Theory]
    [MemberData(nameof(CharacterSets))]
    public void Every_value_reads_back_to_the_same_bytes(string characterSet)
    {
        var source = EveryVrDataset.Build(characterSet);

        var read = DicomJsonReader.Deserialize(DicomJsonWriter.Serialize(source));

        read.GetString(DicomTags.SpecificCharacterSet).Should().Be(characterSet, "(0008,0005) keeps the source value (F.2.2 note 3)");
        SameBytes(source, read);
    }

    [Theory]
    [MemberData(nameof(CharacterSets))]
    public void Chinese_names_are_written_as_stored_whatever_the_character_set(string characterSet)
    {
        var json = JsonDocument.Parse(DicomJsonWriter.Serialize(EveryVrDataset.Build(characterSet))).RootElement;

        var name = json.GetProperty(Key(DicomTags.PerformingPhysicianName)).GetProperty("Value")[0];
        name.GetProperty("Ideographic").GetString().Should().Be("张^三");
        json.GetProperty(Key(DicomTags.StudyDescription)).GetProperty("Value")[0].GetString().Should().Be("胸部 CT");
        json.GetProperty(Key(DicomTags.ReferencedImageSequence)).GetProperty("Value")[0]
            .GetProperty(Key(DicomTags.CodeMeaning)).GetProperty("Value")[0].GetString().Should().Be("胸", "items inherit the character set");
    }

    [Fact]
    public void Sixty_four_bit_values_are_read_from_numbers_and_strings()
    {
        var json = """{"00720082":{"vr":"SV","Value":["-9223372036854775808",12]},"00720083":{"vr":"UV","Value":["18446744073709551615",3]}}""";

        var ds = DicomJsonReader.Deserialize(json);

        ds.GetValues<long>(DicomTags.SelectorSVValue).Should().Equal(long.MinValue, 12);
        ds.GetValues<ulong>(DicomTags.SelectorUVValue).Should().Equal(ulong.MaxValue, 3UL);
    }

    [Fact]
    public void An_integer_string_written_as_an_exponent_reads_as_the_integer()
    {
        var ds = DicomJsonReader.Deserialize("""{"00200013":{"vr":"IS","Value":[1.0E2]}}""");

        ds.GetString(DicomTags.InstanceNumber).Should().Be("100");
    }

    [Fact]
    public void Empty_person_names_and_carets_only_are_empty_values()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(new DicomElement(DicomTags.PerformingPhysicianName, DicomVR.PN, "^^^^\\Doe^John^^\\==  "u8.ToArray()));
        ds.AddOrUpdate(new DicomElement(DicomTags.PatientName, DicomVR.PN, "^^^^"u8.ToArray()));

        var json = JsonDocument.Parse(DicomJsonWriter.Serialize(ds)).RootElement;

        json.GetProperty("00081050").GetProperty("Value").GetRawText().Should().Be("""[null,{"Alphabetic":"Doe^John"},null]""");
        json.GetProperty("00100010").EnumerateObject().Select(p => p.Name).Should().Equal("vr");
    }

    internal static string Key(DicomTag tag) => tag.Value.ToString("X8", System.Globalization.CultureInfo.InvariantCulture);

    private static void SameBytes(DicomDataset expected, DicomDataset actual)
    {
        actual.Select(i => i.Tag).Should().Equal(expected.Select(i => i.Tag));
        foreach (var item in expected)
        {
            var other = actual.Find(item.Tag)!;
            other.VR.Should().BeSameAs(item.VR, item.Tag.ToString());
            if (item is DicomSequence sequence)
            {
                var otherItems = ((DicomSequence)other).Items;
                otherItems.Should().HaveCount(sequence.Items.Count);
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    SameBytes(sequence.Items[i], otherItems[i]);
                }
                continue;
            }
            ((DicomElement)other).Buffer.Memory.ToArray().Should().Equal(((DicomElement)item).Buffer.Memory.ToArray(), item.ToString());
        }
    }
}
