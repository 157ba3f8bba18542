using System.Text.Json.Nodes;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Interop.Tests.Core;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Json;
using CloudFilm.Dicom.Tests.Json;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Json;

/// <summary>
/// A file with every VR (PS3.5 Table 6.2-1) and Chinese text, as DICOM JSON (PS3.18 F.2) from us, from dcmtk's
/// dcm2json and from pydicom's Dataset.to_json_dict(). dcmtk 3.6.7 agrees with us on every attribute (it rewrites
/// (0008,0005) to ISO_IR 192; we keep the source value, F.2.2 note 3) and does not know the GBK term. pydicom 2.3.1
/// differs in two places where we follow the standard: an empty value among others is "" there and null here
/// (F.2.5), and SV/UV beyond 2^53 are numbers there and strings here (F.2.3 note: a JSON number would lose digits).
/// pydicom 2.3.1 leaves ISO 2022 IR 58 escapes in its text, so that set is compared with dcmtk only.
/// </summary>
public class EveryVrJsonInteropTests
{
    [Theory]
    [InlineData("ISO_IR 192")]
    [InlineData("GB18030")]
    [InlineData(@"\ISO 2022 IR 58")]
    public void Json_of_every_vr_agrees_with_dcm2json(string characterSet)
    {
        using var temp = new TempDirectory();
        var dataset = EveryVrDataset.Build(characterSet);
        var path = Save(temp, dataset);

        var result = ExternalTool.Run("dcm2json", "-fc", path);
        result.ExitCode.Should().Be(0, result.Stderr);

        var theirs = JsonNode.Parse(result.Stdout)!.AsObject();
        var ours = JsonNode.Parse(DicomJsonWriter.Serialize(DicomFile.Open(path).Dataset))!.AsObject();
        theirs.Remove("00080005");
        ours.Remove("00080005");
        JsonComparer.Differences(theirs, ours).Should().BeEmpty();
    }

    [Theory]
    [InlineData("ISO_IR 192")]
    [InlineData("GB18030")]
    [InlineData("GBK")]
    public void Json_of_every_vr_agrees_with_pydicom(string characterSet)
    {
        using var temp = new TempDirectory();
        var path = Save(temp, EveryVrDataset.Build(characterSet));
        const string script = """
            import json, sys, pydicom
            print(json.dumps(pydicom.dcmread(sys.argv[1]).to_json_dict(), ensure_ascii=False))
            """;

        var theirs = JsonNode.Parse(ExternalTool.Pydicom(script, path))!.AsObject();
        var ours = JsonNode.Parse(DicomJsonWriter.Serialize(DicomFile.Open(path).Dataset))!.AsObject();

        foreach (var key in new[] { "00720082", "00720083" })
        {
            // SV, UV: the same integers, as strings beyond 2^53 on our side.
            theirs[key]!["Value"]!.AsArray().Select(v => v!.ToJsonString())
                .Should().Equal(ours[key]!["Value"]!.AsArray().Select(v => v!.ToJsonString().Trim('"')));
            theirs.Remove(key);
            ours.Remove(key);
        }
        var imageType = theirs["00080008"]!["Value"]!.AsArray();
        imageType[1]!.GetValue<string>().Should().BeEmpty("pydicom writes an empty value as \"\"");
        imageType[1] = null;
        JsonComparer.Differences(theirs, ours).Should().BeEmpty();
    }

    [Fact]
    public void Our_json_of_every_vr_reads_back_in_pydicom_to_the_same_values()
    {
        using var temp = new TempDirectory();
        var dataset = EveryVrDataset.Build();
        var jsonPath = temp.File("ours.json");
        File.WriteAllText(jsonPath, DicomJsonWriter.Serialize(dataset));
        const string script = """
            import json, sys, pydicom
            d = pydicom.Dataset.from_json(open(sys.argv[1], encoding='utf-8').read())
            print(json.dumps({
                'name': str(d.PerformingPhysicianName[0]), 'sv': [int(v) for v in d.SelectorSVValue],
                'uv': [int(v) for v in d.SelectorUVValue], 'ds': [float(v) for v in d.PixelSpacing],
                'at': [int(v) for v in d.FrameIncrementPointer], 'ob': list(d.EncapsulatedDocument),
                'item': str(d.ReferencedImageSequence[0].CodeMeaning),
            }, ensure_ascii=False))
            """;

        var read = JsonNode.Parse(ExternalTool.Pydicom(script, jsonPath))!;

        read["name"]!.GetValue<string>().Should().Be("Zhang^San=张^三=zhang^san");
        read["sv"]!.AsArray().Select(v => v!.GetValue<long>()).Should().Equal(-(1L << 60), 5);
        read["uv"]!.AsArray().Select(v => v!.GetValue<ulong>()).Should().Equal((1UL << 63) + 1, 7);
        read["ds"]!.AsArray().Select(v => v!.GetValue<double>()).Should().Equal(0.5, -1250);
        read["at"]!.AsArray().Select(v => v!.GetValue<uint>()).Should().Equal(DicomTags.FrameTime.Value, DicomTags.PatientID.Value);
        read["ob"]!.AsArray().Select(v => v!.GetValue<int>()).Should().Equal(1, 2, 3, 4);
        read["item"]!.GetValue<string>().Should().Be("胸");
    }

    internal static string Save(TempDirectory temp, DicomDataset dataset, string name = "every.dcm")
    {
        dataset.Set(DicomTags.SOPClassUID, DicomUids.SecondaryCaptureImageStorage);
        var path = temp.File(name);
        new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
        return path;
    }
}
