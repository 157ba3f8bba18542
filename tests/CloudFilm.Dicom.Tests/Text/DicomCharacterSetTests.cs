using System.Text;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Text;

namespace CloudFilm.Dicom.Tests.Text;

public class DicomCharacterSetTests
{
    private static readonly byte[] Esc58 = [0x1B, 0x24, 0x29, 0x41];

    [Fact]
    public void Latin1_round_trips()
    {
        var cs = DicomCharacterSet.FromValue("ISO_IR 100");

        var bytes = cs.Encode("Buc^Jérôme", DicomVR.PN);
        bytes.Should().Equal(Encoding.Latin1.GetBytes("Buc^Jérôme"));
        cs.Decode(bytes, DicomVR.PN).Should().Be("Buc^Jérôme");
    }

    [Theory]
    [InlineData("ISO_IR 192")]
    [InlineData("GB18030")]
    [InlineData("GBK")]
    public void Chinese_standalone_sets_round_trip(string term)
    {
        var cs = DicomCharacterSet.FromValue(term);

        cs.Decode(cs.Encode("Zhang^San=张^三=zhang^san", DicomVR.PN), DicomVR.PN).Should().Be("Zhang^San=张^三=zhang^san");
        cs.UsesCodeExtensions.Should().BeFalse();
    }

    [Fact]
    public void Standalone_set_ignores_further_values()
    {
        DicomCharacterSet.FromValue(@"ISO_IR 192\GB18030").UsesCodeExtensions.Should().BeFalse();
    }

    [Fact]
    public void Gbk_bytes_are_decoded_before_splitting_on_backslash()
    {
        // 乗 in GBK is 81 5C: its second byte is a backslash.
        var cs = DicomCharacterSet.FromValue("GBK");
        var ds = new DicomDataset().Set(DicomTags.SpecificCharacterSet, "GBK");
        ds.AddOrUpdate(new DicomElement(DicomTags.StudyDescription, DicomVR.LO, cs.Encode(@"乗\b", DicomVR.LO)));

        ds.GetStrings(DicomTags.StudyDescription).Should().Equal("乗", "b");
    }

    [Fact]
    public void Iso2022_ir58_encodes_with_escapes_repeated_after_each_delimiter()
    {
        var cs = DicomCharacterSet.FromValue(@"\ISO 2022 IR 58");

        var bytes = cs.Encode("Zhang^San=张^三", DicomVR.PN);

        var gb = Encoding.GetEncoding(936);
        var expected = Encoding.ASCII.GetBytes("Zhang^San=").Concat(Esc58).Concat(gb.GetBytes("张")).Concat("^"u8.ToArray())
            .Concat(Esc58).Concat(gb.GetBytes("三")).ToArray();
        bytes.Should().Equal(expected);
        cs.Decode(bytes, DicomVR.PN).Should().Be("Zhang^San=张^三");
    }

    [Fact]
    public void Iso2022_decoder_drops_escapes_and_handles_latin1_extension()
    {
        var cs = DicomCharacterSet.FromValue(@"ISO 2022 IR 6\ISO 2022 IR 100");
        byte[] bytes = [.. "Buc^J"u8, 0x1B, 0x2D, 0x41, 0xE9, .. "r"u8];

        cs.Decode(bytes, DicomVR.PN).Should().Be("Buc^Jér");
    }

    [Fact]
    public void Japanese_and_korean_code_extensions_decode()
    {
        var jp = DicomCharacterSet.FromValue(@"\ISO 2022 IR 87");
        byte[] yamada = [0x1B, 0x24, 0x42, 0x3B, 0x33, 0x45, 0x44, 0x1B, 0x28, 0x42];
        jp.Decode(yamada, DicomVR.PN).Should().Be("山田");
        jp.Encode("山田", DicomVR.PN).Should().Equal(yamada);

        var kr = DicomCharacterSet.FromValue(@"\ISO 2022 IR 149");
        var hong = kr.Encode("홍", DicomVR.PN);
        hong.Take(4).Should().Equal(0x1B, 0x24, 0x29, 0x43);
        kr.Decode(hong, DicomVR.PN).Should().Be("홍");
    }

    [Fact]
    public void Characters_outside_the_declared_sets_throw()
    {
        var act = () => DicomCharacterSet.FromValue(@"\ISO 2022 IR 58").Encode("张홍", DicomVR.PN);
        act.Should().Throw<DicomException>();
        var latin = () => DicomCharacterSet.FromValue("ISO_IR 100").Encode("张", DicomVR.LO);
        latin.Should().Throw<DicomException>().WithMessage("*张*");
    }

    [Fact]
    public void Unknown_terms_decode_as_latin1_without_losing_bytes()
    {
        var cs = DicomCharacterSet.FromValue("ISO_IR 999");

        cs.UnknownTerms.Should().Equal("ISO_IR 999");
        cs.Decode([0x41, 0xE9], DicomVR.LO).Should().Be("Aé");
    }

    [Fact]
    public void Vrs_without_character_set_use_the_default_repertoire()
    {
        var cs = DicomCharacterSet.FromValue("GB18030");
        cs.Encode("1.2.3", DicomVR.UI).Should().Equal("1.2.3"u8.ToArray());
        var act = () => cs.Encode("张", DicomVR.CS);
        act.Should().Throw<DicomException>();
    }
}
