using System.Globalization;
using System.Xml.Linq;
using CloudFilm.Dicom.Interop.Tests.Core;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Tests.Json;
using CloudFilm.Dicom.Xml;

namespace CloudFilm.Dicom.Interop.Tests.Json;

/// <summary>
/// Our Native DICOM Model XML (PS3.19 A.1) against dcmtk's <c>dcm2xml --native-format +Eb</c>, element by element.
/// Numbers are compared as numbers (dcmtk prints FL with 9 digits, we print the shortest exact form). dcmtk 3.6.7
/// base64-encodes OW, OF, OL, OD and OV big-endian; PS3.18 F.2.7 applies PS3.5's byte order, little endian, which is
/// what we (and dcm2json, and pydicom) write: their bytes are swapped back before comparing. dcmtk leaves out the
/// keyword of retired attributes (we keep it), zeroes the block of a private element that has no creator (we keep
/// the tag as read), and writes an empty phonetic group as a copy of the ideographic one (chrX1, chrX2: skipped).
/// </summary>
public class NativeXmlInteropTests
{
    [Theory]
    [InlineData("ISO_IR 192")]
    [InlineData("GB18030")]
    [InlineData(@"\ISO 2022 IR 58")]
    public void Xml_of_every_vr_agrees_with_dcm2xml(string characterSet)
    {
        using var temp = new TempDirectory();
        var path = EveryVrJsonInteropTests.Save(temp, EveryVrDataset.Build(characterSet));

        Compare(path);
    }

    [Theory]
    [MemberData(nameof(Dcm2JsonTests.NativeSampleFiles), MemberType = typeof(Dcm2JsonTests))]
    public void Xml_of_sample_files_agrees_with_dcm2xml(string relative)
    {
        if (relative.Contains("rtdose_expb", StringComparison.Ordinal))
        {
            return; // dcmtk swaps big-endian 32-bit OW as words (see Dcm2JsonTests)
        }
        if (relative.Contains("chrX", StringComparison.Ordinal))
        {
            return; // "Wang^XiaoDong=王^小東=": dcm2xml 3.6.7 repeats the ideographic group as an empty phonetic one
        }
        Compare(Path.Combine(Path.GetDirectoryName(ExternalTool.PydicomTestFiles)!, relative));
    }

    private static void Compare(string path)
    {
        var result = ExternalTool.Run("dcm2xml", "--native-format", "+Eb", "+U8", path);
        result.ExitCode.Should().Be(0, result.Stderr);

        var theirs = XDocument.Parse(result.Stdout).Root!;
        var ours = XDocument.Parse(DicomXmlWriter.Serialize(DicomFile.Open(path).Dataset)).Root!;
        ours.Name.Namespace.NamespaceName.Should().Be(DicomXmlWriter.Namespace, "the standard's schema namespace (dcmtk writes none)");
        foreach (var element in ours.DescendantsAndSelf())
        {
            element.Name = element.Name.LocalName;
        }

        ours.Name.LocalName.Should().Be("NativeDicomModel");
        var differences = new List<string>();
        CompareDataset(theirs, ours, "", differences);
        differences.Should().BeEmpty();
    }

    private static void CompareDataset(XElement theirs, XElement ours, string path, List<string> differences)
    {
        // (0008,0005): dcmtk writes ISO_IR 192 after converting, we keep the source value (as in JSON).
        static IEnumerable<XElement> Attributes(XElement e) =>
            e.Elements("DicomAttribute").Where(a => (string?)a.Attribute("tag") != "00080005");
        var t = Attributes(theirs).ToList();
        var o = Attributes(ours).ToList();
        if (t.Count != o.Count)
        {
            differences.Add($"{path}: {t.Count} attributes expected, got {o.Count}: "
                + string.Join(",", t.Select(a => (string?)a.Attribute("tag")).Except(o.Select(a => (string?)a.Attribute("tag")))));
            return;
        }
        for (var i = 0; i < t.Count; i++)
        {
            var where = $"{path}/{(string?)t[i].Attribute("tag")}";
            foreach (var name in new[] { "tag", "vr", "keyword", "privateCreator" })
            {
                if (name == "keyword" && t[i].Attribute(name) is null && IsRetired((string?)o[i].Attribute(name)))
                {
                    continue; // dcmtk leaves a retired attribute's keyword out; we keep it
                }
                if (name == "tag" && o[i].Attribute("privateCreator") is null && BlockZeroed((string)o[i].Attribute(name)!) == (string?)t[i].Attribute(name))
                {
                    continue; // a private element without a creator: dcmtk zeroes the block anyway, we keep the tag as read
                }
                if ((string?)t[i].Attribute(name) != (string?)o[i].Attribute(name))
                {
                    differences.Add($"{where}@{name}: expected {(string?)t[i].Attribute(name)}, got {(string?)o[i].Attribute(name)}");
                }
            }
            CompareContent(t[i], o[i], (string?)t[i].Attribute("vr") ?? "", where, differences);
        }
    }

    private static void CompareContent(XElement theirs, XElement ours, string vr, string path, List<string> differences)
    {
        var t = theirs.Elements().ToList();
        var o = ours.Elements().ToList();
        if (t.Count != o.Count)
        {
            differences.Add($"{path}: {t.Count} children expected, got {o.Count}");
            return;
        }
        for (var i = 0; i < t.Count; i++)
        {
            var where = $"{path}/{t[i].Name.LocalName}[{(string?)t[i].Attribute("number")}]";
            if (t[i].Name != o[i].Name || (string?)t[i].Attribute("number") != (string?)o[i].Attribute("number"))
            {
                differences.Add($"{where}: got {o[i].Name.LocalName}[{(string?)o[i].Attribute("number")}]");
                continue;
            }
            switch (t[i].Name.LocalName)
            {
                case "Item":
                    CompareDataset(t[i], o[i], where, differences);
                    break;
                case "PersonName" or "Alphabetic" or "Ideographic" or "Phonetic":
                    CompareContent(t[i], o[i], vr, where, differences);
                    break;
                case "InlineBinary":
                    var unit = vr switch { "OW" => 2, "OF" or "OL" => 4, "OD" or "OV" => 8, _ => 1 };
                    var bytes = Convert.FromBase64String(t[i].Value);
                    for (var s = 0; unit > 1 && s + unit <= bytes.Length; s += unit)
                    {
                        bytes.AsSpan(s, unit).Reverse();
                    }
                    if (!bytes.AsSpan().SequenceEqual(Convert.FromBase64String(o[i].Value)))
                    {
                        differences.Add($"{where}: bytes differ");
                    }
                    break;
                default:
                    if (t[i].Value != o[i].Value && !(vr is "FL" or "FD" or "DS" && SameNumber(t[i].Value, o[i].Value)))
                    {
                        differences.Add($"{where}: expected '{t[i].Value}', got '{o[i].Value}'");
                    }
                    break;
            }
        }
    }

    private static string BlockZeroed(string tag) => tag[..4] + "00" + tag[6..];

    private static bool IsRetired(string? keyword) =>
        keyword is not null && CloudFilm.Dicom.Dictionary.DicomDictionary.Find(keyword) is { IsRetired: true };

    private static bool SameNumber(string a, string b) =>
        double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
        && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
        && (x == y || Math.Abs(x - y) <= 1e-6 * Math.Max(Math.Abs(x), Math.Abs(y)));
}
