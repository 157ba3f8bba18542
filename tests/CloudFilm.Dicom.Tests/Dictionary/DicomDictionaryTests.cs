using System.Diagnostics;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;

namespace CloudFilm.Dicom.Tests.Dictionary;

public class DicomDictionaryTests
{
    [Fact]
    public void Standard_tag_has_vr_vm_keyword_and_name()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x0010, 0x0010))!;

        entry.VR.Should().BeSameAs(DicomVR.PN);
        entry.ValueMultiplicity.Should().Be("1");
        entry.Keyword.Should().Be("PatientName");
        entry.Name.Should().Be("Patient Name");
        entry.IsRetired.Should().BeFalse();
    }

    [Fact]
    public void Repeating_group_matches_every_group_of_the_range()
    {
        DicomDictionary.Find(new DicomTag(0x6000, 0x3000))!.Keyword.Should().Be("OverlayData");
        DicomDictionary.Find(new DicomTag(0x601E, 0x3000))!.Keyword.Should().Be("OverlayData");
        DicomDictionary.Find(new DicomTag(0x601E, 0x0010))!.Keyword.Should().Be("OverlayRows");
        DicomDictionary.Find(new DicomTag(0x6000, 0x3000))!.ValueRepresentations.Should().Equal(DicomVR.OB, DicomVR.OW);
    }

    [Fact]
    public void Retired_tags_are_marked_and_found_by_keyword_without_prefix()
    {
        var entry = DicomDictionary.Find("CurveDimensions")!;
        entry.IsRetired.Should().BeTrue();
        entry.Matches(new DicomTag(0x5002, 0x0005)).Should().BeTrue();
    }

    [Fact]
    public void Ambiguous_vrs_are_listed_in_the_order_of_ps3_6()
    {
        DicomDictionary.Find(DicomTags.SmallestImagePixelValue)!.ValueRepresentations.Should().Equal(DicomVR.US, DicomVR.SS);
        DicomDictionary.Find(DicomTags.PixelData)!.ValueRepresentations.Should().Equal(DicomVR.OB, DicomVR.OW);
    }

    [Fact]
    public void Group_lengths_and_private_creators_follow_generic_rules()
    {
        DicomDictionary.Find(new DicomTag(0x0009, 0x0000))!.VR.Should().BeSameAs(DicomVR.UL);
        DicomDictionary.Find(new DicomTag(0x0029, 0x0011))!.VR.Should().BeSameAs(DicomVR.LO);
        DicomDictionary.Find(new DicomTag(0x0029, 0x1011)).Should().BeNull();
    }

    [Fact]
    public void Private_tags_are_found_by_creator_group_and_low_byte()
    {
        DicomDictionary.RegisterPrivate("CLOUDFILM TEST", 0x0029, 0x20, DicomVR.DS, "TestScale");

        DicomDictionary.FindPrivate("CLOUDFILM TEST", 0x0029, 0x20)!.VR.Should().BeSameAs(DicomVR.DS);
        DicomDictionary.FindPrivate("OTHER", 0x0029, 0x20).Should().BeNull();
    }

    [Fact]
    public void Vendor_private_tags_come_from_the_generated_private_dictionary()
    {
        var entry = DicomDictionary.FindPrivate("GEMS_IDEN_01", 0x0009, 0x01)!;

        entry.Keyword.Should().Be("FullFidelity");
        entry.VR.Should().BeSameAs(DicomVR.LO);
        DicomDictionary.FindPrivate("GEMS_IDEN_01", 0x0011, 0x01).Should().BeNull("private tags belong to one group");
    }

    [Fact]
    public void Command_group_tags_are_in_the_dictionary()
    {
        DicomDictionary.Find(DicomTags.CommandField)!.VR.Should().BeSameAs(DicomVR.US);
        DicomTags.AffectedSOPClassUID.Should().Be(new DicomTag(0x0000, 0x0002));
    }

    [Fact]
    public void Regenerating_the_dictionary_gives_the_committed_files()
    {
        var root = RepositoryRoot();
        const string source = "/usr/share/libdcmtk17/dicom.dic";
        const string uidSource = "/usr/lib/python3/dist-packages/pydicom/_uid_dict.py";
        File.Exists(source).Should().BeTrue($"the generator's input {source} (Debian package libdcmtk17) must be installed for this test");
        File.Exists(uidSource).Should().BeTrue($"the generator's input {uidSource} (Debian package python3-pydicom) must be installed for this test");
        var output = Directory.CreateTempSubdirectory("dictgen").FullName;
        try
        {
            var start = new ProcessStartInfo("python3", [Path.Combine(root, "Tools/dictgen/dictgen.py"), source, "--uids", uidSource, "--out", output])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.Should().Be(0, error);
            foreach (var committed in new[] { "Dictionary/DicomDictionaryTable.g.cs", "Dictionary/DicomTags.g.cs", "Dictionary/DicomPrivateDictionaryTable.g.cs", "Uids/DicomUids.g.cs" })
            {
                var name = Path.GetFileName(committed);
                File.ReadAllText(Path.Combine(output, name)).Should().Be(File.ReadAllText(Path.Combine(root, "Dicom", committed)), name);
            }
        }
        finally
        {
            Directory.Delete(output, true);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CloudFilm.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above the test output");
    }
}
