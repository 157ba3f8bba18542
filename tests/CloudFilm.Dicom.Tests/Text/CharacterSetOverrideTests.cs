using System.Text;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Text;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Text;

public class CharacterSetOverrideTests
{
    private static byte[] Gbk(string text) => Encoding.GetEncoding(936).GetBytes(text);

    /// <summary>GBK bytes labelled ISO_IR 100, as some Chinese modalities send them, with an item that inherits.</summary>
    private static byte[] MislabelledFile()
    {
        _ = DicomCharacterSet.FromValue("GBK").Encode("张", DicomVR.LO); // registers the code pages provider
        var ds = new DicomDataset().Set(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        ds.AddOrUpdate(new DicomElement(DicomTags.PatientName, DicomVR.PN, DicomValueEncoder.PadToEven(Gbk("Zhang^San=张^三"), 0x20)));
        var item = new DicomDataset();
        item.AddOrUpdate(new DicomElement(DicomTags.CodeMeaning, DicomVR.LO, DicomValueEncoder.PadToEven(Gbk("胸部"), 0x20)));
        ds.Add(new DicomSequence(DicomTags.AnatomicRegionSequence, item));
        using var memory = new MemoryStream();
        new DicomFile(ds, DicomTransferSyntax.ExplicitVRLittleEndian).Write(memory);
        return memory.ToArray();
    }

    [Fact]
    public void Override_decodes_mislabelled_text_without_changing_bytes()
    {
        var bytes = MislabelledFile();

        var plain = DicomFile.Read(new MemoryStream(bytes));
        var forced = DicomFile.Read(new MemoryStream(bytes), new DicomReadOptions { CharacterSetOverride = DicomCharacterSet.FromValue("GB18030") });

        plain.Dataset.GetString(DicomTags.PatientName).Should().NotContain("张", "read as labelled, the text is mojibake");
        forced.Dataset.GetString(DicomTags.PatientName).Should().Be("Zhang^San=张^三");
        forced.Dataset.FindSequence(DicomTags.AnatomicRegionSequence)!.Items[0].GetString(DicomTags.CodeMeaning).Should().Be("胸部");
        using var again = new MemoryStream();
        forced.Write(again);
        again.ToArray().Should().Equal(bytes);
    }

    [Fact]
    public void Changing_the_character_set_re_encodes_text_and_declares_the_set_used()
    {
        var file = DicomFile.Read(new MemoryStream(MislabelledFile()), new DicomReadOptions { CharacterSetOverride = DicomCharacterSet.FromValue("GB18030") });

        file.Dataset.ChangeCharacterSet(DicomCharacterSet.Utf8);

        file.Dataset.CharacterSetOverride.Should().BeNull();
        file.Dataset.GetString(DicomTags.SpecificCharacterSet).Should().Be("ISO_IR 192");
        file.Dataset.FindElement(DicomTags.PatientName)!.Buffer.Memory.ToArray().Should().Equal(Encoding.UTF8.GetBytes("Zhang^San=张^三 "));
        file.Dataset.FindSequence(DicomTags.AnatomicRegionSequence)!.Items[0].GetString(DicomTags.CodeMeaning).Should().Be("胸部");
    }

    [Fact]
    public void Changing_to_a_set_that_cannot_hold_the_text_fails_and_changes_nothing()
    {
        var ds = new DicomDataset().Set(DicomTags.SpecificCharacterSet, "ISO_IR 192").Set(DicomTags.PatientName, "张^三").Set(DicomTags.PatientID, "é");

        var act = () => ds.ChangeCharacterSet(DicomCharacterSet.FromValue("ISO_IR 100"));

        act.Should().Throw<DicomException>().WithMessage("*张*");
        ds.GetString(DicomTags.SpecificCharacterSet).Should().Be("ISO_IR 192");
        ds.GetString(DicomTags.PatientName).Should().Be("张^三");
    }
}
