using CloudFilm.Dicom.Deidentification;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Interop.Tests.Core;
using CloudFilm.Dicom.IO;

namespace CloudFilm.Dicom.Interop.Tests.Deidentification;

/// <summary>Real files de-identified by us, then read by dcmtk and pydicom: valid, and free of the identifiers.</summary>
public class DeidentifiedFilesTests
{
    public static TheoryData<string> Samples() => new(["CT_small.dcm", "MR_small.dcm", "rtplan.dcm", "JPEG2000.dcm", "SC_rgb_rle.dcm", "nested_priv_SQ.dcm", "test-SR.dcm"]);

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_deidentified_file_is_valid_for_dcmtk_and_pydicom_and_names_nobody(string sample)
    {
        var source = Path.Combine(ExternalTool.PydicomTestFiles, sample);
        var file = DicomFile.Open(source);
        var originalName = file.Dataset.GetString(DicomTags.PatientName);
        var originalId = file.Dataset.GetString(DicomTags.PatientID);
        new Deidentifier(new DeidentificationOptions(), UidMap.Random()).Apply(file.Dataset);
        using var temp = new TempDirectory();
        var output = temp.File("out.dcm");
        new DicomFile(file.Dataset, file.TransferSyntax).Save(output);

        var dump = ExternalTool.Run("dcmdump", "-q", output);
        dump.ExitCode.Should().Be(0, dump.Stderr);
        var names = ExternalTool.Pydicom("""
            import sys, pydicom
            ds = pydicom.dcmread(sys.argv[1])
            private = sum(1 for e in ds.iterall() if e.tag.is_private)
            print(str(ds.get('PatientName', '')) + '|' + str(ds.get('PatientID', '')) + '|' + str(ds.get('PatientIdentityRemoved', '')) + '|' + str(private) + '|' + str(ds.get('PatientBirthDate', '')))
            """, output).Trim().Split('|');

        names[0].Should().Be(originalName is null ? "" : "ANONYMOUS");
        names[1].Should().Be(originalId is null ? "" : "ANON");
        names[2].Should().Be("YES");
        names[3].Should().Be("0");
        names[4].Should().BeEmpty();
        if (!string.IsNullOrEmpty(originalName) && originalName != "ANONYMOUS")
        {
            dump.Stdout.Should().NotContain(originalName);
        }
        if (!string.IsNullOrEmpty(originalId) && originalId.Length > 3)
        {
            dump.Stdout.Should().NotContain("[" + originalId + "]");
        }
    }
}
