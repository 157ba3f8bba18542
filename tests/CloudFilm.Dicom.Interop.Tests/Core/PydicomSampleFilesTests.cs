using CloudFilm.Dicom.IO;

namespace CloudFilm.Dicom.Interop.Tests.Core;

/// <summary>Files written by pydicom's and others' toolkits (pydicom's sample files) read by us.</summary>
public class PydicomSampleFilesTests
{
    /// <summary>Broken on purpose in pydicom's set: we must refuse them with a format error.</summary>
    private static readonly HashSet<string> Broken = ["MR_truncated.dcm", "rtplan_truncated.dcm", "no_meta.dcm"];

    /// <summary>Sample files pydicom itself cannot decode text from, or where it reads a different element layout.</summary>
    private static readonly HashSet<string> NotComparable = ["no_meta.dcm", "MR_truncated.dcm", "rtplan_truncated.dcm", "SC_rgb_jpeg.dcm"];

    private static readonly Lazy<Dictionary<string, Dictionary<string, string[]>>> PydicomText = new(() =>
        PydicomTextDump.FromPydicom(SamplePaths().Select(FullPath)));

    public static TheoryData<string> SampleFiles() => new(SamplePaths());

    private static IEnumerable<string> SamplePaths()
    {
        foreach (var dir in new[] { ExternalTool.PydicomTestFiles, ExternalTool.PydicomCharsetFiles })
        {
            ExternalTool.RequireDirectory(dir);
            foreach (var file in Directory.GetFiles(dir, "*.dcm").Order(StringComparer.Ordinal))
            {
                yield return Path.Combine(Path.GetFileName(dir), Path.GetFileName(file));
            }
        }
    }

    private static string FullPath(string relative) => Path.Combine(Path.GetDirectoryName(ExternalTool.PydicomTestFiles)!, relative);

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_file_reads_or_is_refused_with_a_format_error(string relative)
    {
        var path = FullPath(relative);
        var name = Path.GetFileName(path);
        var read = () => DicomFile.Open(path);

        if (Broken.Contains(name))
        {
            read.Should().Throw<DicomFormatException>();
            return;
        }
        var file = read();
        file.Dataset.Count.Should().BeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Text_values_decode_as_pydicom_decodes_them(string relative)
    {
        var path = FullPath(relative);
        if (NotComparable.Contains(Path.GetFileName(path)))
        {
            return;
        }
        var ours = PydicomTextDump.FromOurs(DicomFile.Open(path).Dataset);

        var theirs = PydicomText.Value[path];
        theirs.Should().NotContainKey("error");

        foreach (var (key, values) in theirs)
        {
            ours.Should().ContainKey(key);
            ours[key].Should().Equal(values, $"{key} in {relative}");
        }
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Rewriting_in_the_same_syntax_keeps_every_value(string relative)
    {
        var path = FullPath(relative);
        if (Broken.Contains(Path.GetFileName(path)))
        {
            return;
        }
        var file = DicomFile.Open(path);
        if (file.TransferSyntax.IsBigEndian)
        {
            file.SetTransferSyntax(CloudFilm.Dicom.Uids.DicomTransferSyntax.ExplicitVRLittleEndian);
        }
        using var memory = new MemoryStream();
        file.Write(memory);

        var again = DicomFile.Read(new MemoryStream(memory.ToArray()));

        PydicomTextDump.FromOurs(again.Dataset).Should().BeEquivalentTo(PydicomTextDump.FromOurs(file.Dataset));
    }
}
