using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Json;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Core;

/// <summary>cfdicom dump, pixels and transcode run as a process, as people and scripts run them.</summary>
public class CfdicomCommandTests
{
    private static readonly string CtSmall = Path.Combine(ExternalTool.PydicomTestFiles, "CT_small.dcm");

    private static ProcessResult Cfdicom(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "cfdicom.dll");
        File.Exists(dll).Should().BeTrue("cfdicom is built next to the tests");
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "/usr/bin/dotnet";
        return ExternalTool.Run(host, [dll, .. args]);
    }

    private static void ShouldFailWithOneLine(ProcessResult result, params string[] fragments)
    {
        result.ExitCode.Should().Be(1);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1, "errors are one line, never a stack trace: " + result.Stderr);
        foreach (var fragment in fragments)
        {
            lines[0].Should().Contain(fragment);
        }
    }

    [Fact]
    public void Dump_lists_elements_with_keywords()
    {
        var result = Cfdicom("dump", CtSmall);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("(0010,0010) PN [CompressedSamples^CT1] # 22, PatientName");
        result.Stdout.Should().Contain("# transfer syntax: Explicit VR Little Endian");
    }

    [Fact]
    public void Dump_json_is_the_dicom_json_of_the_dataset()
    {
        var result = Cfdicom("dump", CtSmall, "--json");

        result.ExitCode.Should().Be(0, result.Stderr);
        var expected = JsonNode.Parse(DicomJsonWriter.Serialize(DicomFile.Open(CtSmall).Dataset));
        JsonComparer.Differences(expected, JsonNode.Parse(result.Stdout)).Should().BeEmpty();
    }

    [Fact]
    public void Truncated_file_fails_with_one_line_naming_offset_and_tag()
    {
        ShouldFailWithOneLine(Cfdicom("dump", Path.Combine(ExternalTool.PydicomTestFiles, "MR_truncated.dcm")), "offset", "(7FE0,0010)");
    }

    [Fact]
    public void Empty_missing_and_unreadable_inputs_fail_with_one_line()
    {
        using var temp = new TempDirectory();
        var empty = temp.File("empty.dcm");
        File.WriteAllBytes(empty, []);

        ShouldFailWithOneLine(Cfdicom("dump", empty), "offset 0");
        ShouldFailWithOneLine(Cfdicom("dump", temp.File("missing.dcm")));
        ShouldFailWithOneLine(Cfdicom("dump", temp.Path));
        ShouldFailWithOneLine(Cfdicom("pixels", empty, "--sha256"));
    }

    [Fact]
    public void Garbage_files_fail_with_one_line_and_never_hang()
    {
        using var temp = new TempDirectory();
        var random = new Random(7);
        var source = File.ReadAllBytes(CtSmall);
        for (var i = 0; i < 4; i++)
        {
            var path = temp.File($"bad{i}.dcm");
            var bytes = source[..random.Next(200, source.Length)];
            for (var k = 0; k < 20; k++)
            {
                bytes[random.Next(132, bytes.Length)] ^= (byte)random.Next(1, 256);
            }
            File.WriteAllBytes(path, bytes);

            var result = Cfdicom("dump", path, "--json");

            if (result.ExitCode != 0)
            {
                ShouldFailWithOneLine(result);
            }
        }
    }

    [Fact]
    public void Pixels_hash_is_sha256_of_native_little_endian_frames()
    {
        var result = Cfdicom("pixels", Path.Combine(ExternalTool.PydicomTestFiles, "MR_small_bigendian.dcm"), "--sha256");

        result.ExitCode.Should().Be(0, result.Stderr);
        var native = DicomFile.Open(Path.Combine(ExternalTool.PydicomTestFiles, "MR_small.dcm")).Dataset.FindElement(DicomTags.PixelData)!;
        result.Stdout.Should().StartWith(Convert.ToHexStringLower(SHA256.HashData(native.Buffer.Memory.Span)));
    }

    [Theory]
    [InlineData("MR_small_jpeg_ls_lossless.dcm", "JPEG-LS codestream is 64x64x1, the data set says 20000x20000x1")]
    [InlineData("MR_small_RLE.dcm", "too few for 20000x20000 pixels")]
    public void Pixels_of_a_small_file_declaring_a_huge_image_fail_with_one_line_before_decoding(string sample, string message)
    {
        // 20000x20000 at 16 bits is 800 MB: under the frame cap, so only the codestream header check stops it.
        using var temp = new TempDirectory();
        var path = temp.File("huge.dcm");
        var file = DicomFile.Open(Path.Combine(ExternalTool.PydicomTestFiles, sample));
        file.Dataset.Set(DicomTags.Rows, DicomVR.US, (ushort)20000);
        file.Dataset.Set(DicomTags.Columns, DicomVR.US, (ushort)20000);
        file.Save(path);

        ShouldFailWithOneLine(Cfdicom("pixels", path, "--sha256"), message);
    }

    [Fact]
    public void Pixels_of_a_syntax_without_codec_fail_with_one_line_naming_it()
    {
        using var temp = new TempDirectory();
        var path = temp.File("unknown.dcm");
        var file = DicomFile.Open(Path.Combine(ExternalTool.PydicomTestFiles, "JPEG2000.dcm"));
        file.SetTransferSyntax(DicomTransferSyntax.Lookup("1.2.3.4.5.6"));
        file.Save(path);

        ShouldFailWithOneLine(Cfdicom("pixels", path, "--sha256"), "1.2.3.4.5.6");
    }

    [Fact]
    public void Transcode_writes_a_file_dcmtk_reads_in_the_target_syntax_with_the_same_pixels()
    {
        using var temp = new TempDirectory();
        var output = temp.File("implicit.dcm");

        var result = Cfdicom("transcode", CtSmall, output, "--ts", DicomTransferSyntax.ImplicitVRLittleEndian.Uid);

        result.ExitCode.Should().Be(0, result.Stderr);
        var dump = ExternalTool.Run("dcmdump", "-M", output);
        dump.ExitCode.Should().Be(0, dump.Stderr);
        dump.Stdout.Should().Contain("# Used TransferSyntax: Little Endian Implicit");
        Cfdicom("pixels", output, "--sha256").Stdout.Should().Be(Cfdicom("pixels", CtSmall, "--sha256").Stdout);
    }

    [Fact]
    public void Transcode_refuses_an_unknown_syntax()
    {
        using var temp = new TempDirectory();

        var result = Cfdicom("transcode", CtSmall, temp.File("out.dcm"), "--ts", "1.2.3");

        result.ExitCode.Should().Be(2);
        File.Exists(temp.File("out.dcm")).Should().BeFalse();
    }
}
