using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Interop.Tests.Core;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Media;

namespace CloudFilm.Dicom.Interop.Tests.Media;

/// <summary>Our DICOMDIR read by pydicom's file-set reader, which walks the records by their byte offsets.</summary>
public class DicomDirectoryTests
{
    [Fact]
    public void Pydicom_walks_our_directory_to_every_file_with_chinese_names_intact()
    {
        using var temp = new TempDirectory();
        var builder = new DicomDirectoryBuilder();
        var samples = new[] { "CT_small.dcm", "MR_small.dcm", "MR_small_jpeg_ls_lossless.dcm" };
        for (var i = 0; i < samples.Length; i++)
        {
            var file = DicomFile.Open(Path.Combine(ExternalTool.PydicomTestFiles, samples[i]));
            file.Dataset.Set(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
            file.Dataset.Set(DicomTags.PatientName, DicomVR.PN, i == 0 ? "Zhang^San=张^三" : "Li^Si=李^四");
            string[] fileId = ["DICOM", $"PAT{i % 2:D5}", "STU00001", $"SER{i:D5}", "IM000001"];
            var path = Path.Combine([temp.Path, .. fileId]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            file.Save(path);
            builder.Add(fileId, DicomFile.Open(path));
        }
        builder.Build("CLOUDFILM").Save(temp.File("DICOMDIR"));

        var output = ExternalTool.Pydicom("""
            import sys, pydicom
            from pydicom.fileset import FileSet
            fs = FileSet(pydicom.dcmread(sys.argv[1]))
            for instance in fs:
                ds = instance.load()
                print(instance.path.replace(sys.argv[2], '').lstrip('/') + '|' + str(ds.PatientName) + '|' + ds.SOPInstanceUID)
            """, temp.File("DICOMDIR"), temp.Path);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3);
        lines.Should().Contain(l => l.StartsWith("DICOM/PAT00000/STU00001/SER00000/IM000001|Zhang^San=张^三|"));
        lines.Should().Contain(l => l.StartsWith("DICOM/PAT00001/STU00001/SER00001/IM000001|Li^Si=李^四|"));
        ExternalTool.Run("dcmdump", "-q", temp.File("DICOMDIR")).ExitCode.Should().Be(0);
    }

    [Theory]
    [InlineData("dicom")]
    [InlineData("TOOLONGNAME")]
    [InlineData("A-B")]
    public void File_ids_outside_the_standards_characters_are_refused(string component) =>
        FluentActions.Invoking(() => new DicomDirectoryBuilder().Add(["DICOM", component], new DicomFile(new DicomDataset(), Uids.DicomTransferSyntax.ExplicitVRLittleEndian)))
            .Should().Throw<ArgumentException>();
}
