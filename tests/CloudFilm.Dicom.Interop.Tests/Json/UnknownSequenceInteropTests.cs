using System.Text.Json.Nodes;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Interop.Tests.Core;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Json;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Json;

/// <summary>
/// A private sequence received in implicit VR and forwarded in explicit VR arrives as UN of undefined length
/// (PS3.5 6.2.2, CP-246). dcmtk reads it as a sequence; so do we, and we write it back as SQ.
/// </summary>
public class UnknownSequenceInteropTests
{
    /// <summary>A Part 10 file, explicit VR LE, whose (0009,1000) is UN of undefined length holding implicit VR items.</summary>
    private static string CraftedFile(TempDirectory temp)
    {
        var meta = new DicomDataset()
            .Set(DicomTags.SOPClassUID, DicomUids.SecondaryCaptureImageStorage)
            .Set(DicomTags.SOPInstanceUID, "2.25.77");
        var path = temp.File("un.dcm");
        new DicomFile(meta, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
        using var body = new MemoryStream();
        void U16(int v) => body.Write(BitConverter.GetBytes((ushort)v));
        void U32(uint v) => body.Write(BitConverter.GetBytes(v));
        void Ascii(string s) => body.Write(System.Text.Encoding.ASCII.GetBytes(s));
        U16(0x0009); U16(0x0010); Ascii("LO"); U16(6); Ascii("VENDOR");
        U16(0x0009); U16(0x1000); Ascii("UN"); U16(0); U32(0xFFFFFFFF);
        U16(0xFFFE); U16(0xE000); U32(0xFFFFFFFF);
        U16(0x0008); U16(0x0100); U32(6); Ascii("T-1000");
        U16(0x0010); U16(0x0010); U32(6); Ascii("Doe^Jo");
        U16(0xFFFE); U16(0xE00D); U32(0);
        U16(0xFFFE); U16(0xE0DD); U32(0);
        File.AppendAllBytes(path, body.ToArray());
        return path;
    }

    [Fact]
    public void Json_of_a_UN_sequence_agrees_with_dcm2json()
    {
        using var temp = new TempDirectory();
        var path = CraftedFile(temp);

        var result = ExternalTool.Run("dcm2json", "-fc", path);
        result.ExitCode.Should().Be(0, result.Stderr);

        var ours = JsonNode.Parse(DicomJsonWriter.Serialize(DicomFile.Open(path).Dataset));
        ours!["00091000"]!["vr"]!.GetValue<string>().Should().Be("SQ");
        JsonComparer.Differences(JsonNode.Parse(result.Stdout), ours).Should().BeEmpty();
    }

    [Fact]
    public void Dcmdump_reads_the_rewritten_file_as_an_explicit_sequence_without_warnings()
    {
        using var temp = new TempDirectory();
        var rewritten = temp.File("rewritten.dcm");
        DicomFile.Open(CraftedFile(temp)).Save(rewritten);

        var result = ExternalTool.Run("dcmdump", "-dc", rewritten);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stderr.Should().BeEmpty("no CP-246 re-reading: the sequence is SQ now");
        result.Stdout.Should().Contain("(0009,1000) SQ (Sequence with undefined length #=1)")
            .And.Contain("(0008,0100) SH [T-1000]").And.Contain("(0010,0010) PN [Doe^Jo]");
    }
}
