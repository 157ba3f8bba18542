using System.Text.Json;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Core;

/// <summary>Files we write, read by dcmtk (dcmdump) and pydicom.</summary>
public class WrittenByUsTests
{
    private const string PydicomSummary = """
        import json, sys, hashlib, pydicom
        d = pydicom.dcmread(sys.argv[1])
        item = d.AnatomicRegionSequence[0]
        block = d.private_block(0x0029, 'CLOUDFILM')
        print(json.dumps({
            'ts': str(d.file_meta.TransferSyntaxUID),
            'name': str(d.PatientName),
            'description': str(d.StudyDescription),
            'meaning': str(item.CodeMeaning),
            'private': (lambda v: v.decode('ascii') if isinstance(v, bytes) else str(v))(block[0x01].value).strip(),
            'spacing': [float(x) for x in d.PixelSpacing],
            'pixels': hashlib.sha256(d.pixel_array.astype('<u2').tobytes()).hexdigest(),
        }, ensure_ascii=False))
        """;

    public static TheoryData<string, string> Cases() => new()
    {
        { DicomUids.ImplicitVRLittleEndian, "ISO_IR 192" },
        { DicomUids.ExplicitVRLittleEndian, "ISO_IR 192" },
        { DicomUids.DeflatedExplicitVRLittleEndian, "ISO_IR 192" },
        { DicomUids.ExplicitVRLittleEndian, "GB18030" },
        { DicomUids.ExplicitVRLittleEndian, @"\ISO 2022 IR 58" },
        { DicomUids.ImplicitVRLittleEndian, "GBK" },
    };

    /// <summary>pydicom 2.3.1 leaves ISO 2022 IR 58 escape sequences in decoded text (its own limitation); dcmtk checks IR 58.</summary>
    public static TheoryData<string, string> PydicomCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Cases())
        {
            if (!((string)row[1]).Contains("IR 58", StringComparison.Ordinal))
            {
                data.Add((string)row[0], (string)row[1]);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Dcmdump_reads_our_file_without_warnings(string uid, string characterSet)
    {
        using var temp = new TempDirectory();
        var path = temp.File("ours.dcm");
        new DicomFile(SampleDatasets.ChineseImage(characterSet), DicomTransferSyntax.Lookup(uid)).Save(path);

        var result = ExternalTool.Run("dcmdump", "-dc", "+U8", path);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stderr.Should().BeEmpty();
        if (characterSet != "GBK")
        {
            // dcmtk 3.6.7 does not know the GBK term; the others it converts to UTF-8.
            result.Stdout.Should().Contain("[Zhang^San=张^三=zhang^san ]").And.Contain("[胸部 CT");
        }
        result.Stdout.Should().Contain("(0029,0010) LO [CLOUDFILM ]");
        // In implicit VR a private element's VR is unknown to a reader without that creator's dictionary.
        result.Stdout.Should().Contain(uid == DicomTransferSyntax.ImplicitVRLittleEndian.Uid
            ? @"(0029,1001) ?? 70\72\69\76\61\74\65\20"
            : "(0029,1001) LO [private value ]");
    }

    [Theory]
    [MemberData(nameof(PydicomCases))]
    public void Pydicom_reads_our_file_with_the_same_values(string uid, string characterSet)
    {
        using var temp = new TempDirectory();
        var path = temp.File("ours.dcm");
        var dataset = SampleDatasets.ChineseImage(characterSet);
        new DicomFile(dataset, DicomTransferSyntax.Lookup(uid)).Save(path);

        var summary = JsonDocument.Parse(ExternalTool.Pydicom(PydicomSummary, path)).RootElement;

        summary.GetProperty("ts").GetString().Should().Be(uid);
        summary.GetProperty("name").GetString().Should().Be("Zhang^San=张^三=zhang^san");
        summary.GetProperty("description").GetString().Should().Be("胸部 CT");
        summary.GetProperty("meaning").GetString().Should().Be("胸");
        summary.GetProperty("private").GetString().Should().Be("private value");
        summary.GetProperty("spacing").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(0.5, 0.25);
        var pixels = dataset.FindElement(DicomTags.PixelData)!.Buffer.Memory.ToArray();
        summary.GetProperty("pixels").GetString().Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pixels)));
    }

    [Fact]
    public void Iso2022_ir58_text_carries_escape_sequences_that_dcmtk_understands()
    {
        using var temp = new TempDirectory();
        var path = temp.File("ir58.dcm");
        new DicomFile(SampleDatasets.ChineseImage(@"\ISO 2022 IR 58"), DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);

        var raw = File.ReadAllBytes(path);
        var escape = new byte[] { 0x1B, 0x24, 0x29, 0x41 };
        raw.AsSpan().IndexOf(escape).Should().BeGreaterThan(0);
        var converted = temp.File("utf8.dcm");
        var result = ExternalTool.Run("dcmconv", "+U8", path, converted);
        result.ExitCode.Should().Be(0, result.Stderr);
        DicomFile.Open(converted).Dataset.GetString(DicomTags.PatientName).Should().Be("Zhang^San=张^三=zhang^san");
    }
}
