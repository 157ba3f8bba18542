using System.Text.Json;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;

namespace CloudFilm.Dicom.Interop.Tests.Core;

/// <summary>
/// Every text value of a file as pydicom decodes it, and the same from our reader, keyed by tag path
/// ("00321064[0]/00100010"), normalised the same way: values split, trailing padding and empty PN groups dropped.
/// </summary>
internal static class PydicomTextDump
{
    // pydicom knows vendors' private dictionaries, which we do not ship: private data elements are compared only
    // through their creators.
    private const string Script = """
        import json, sys, pydicom
        from pydicom.multival import MultiValue
        TEXT = {'SH','LO','ST','LT','UC','UT','PN','CS','AE','UI','DA','TM','DT','AS'}
        def walk(ds, out, prefix):
            for el in ds:
                key = prefix + '%08X' % el.tag
                if el.VR == 'SQ':
                    for i, item in enumerate(el.value or []):
                        walk(item, out, key + '[%d]/' % i)
                elif el.VR in TEXT and el.tag != 0x00080005 and not (el.tag.is_private and el.tag.element >= 0x1000):
                    v = el.value
                    if v is None or v == '':
                        values = []
                    elif isinstance(v, (list, MultiValue)):
                        values = [str(x) for x in v]
                    else:
                        values = [str(v)]
                    out[key] = values
        result = {}
        for path in sys.argv[1:]:
            out = {}
            try:
                walk(pydicom.dcmread(path, force=True), out, '')
            except Exception as e:
                out = {'error': [str(e)]}
            result[path] = out
        print(json.dumps(result, ensure_ascii=False))
        """;

    /// <summary>One pydicom run for many files: starting Python per file would cost a third of a second each.</summary>
    public static Dictionary<string, Dictionary<string, string[]>> FromPydicom(IEnumerable<string> paths)
    {
        var json = ExternalTool.Pydicom(Script, [.. paths]);
        var raw = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string[]>>>(json)!;
        return raw.ToDictionary(f => f.Key, f => f.Value.ToDictionary(p => p.Key, p => Normalise(p.Value)));
    }

    public static Dictionary<string, string[]> FromOurs(DicomDataset dataset)
    {
        var result = new Dictionary<string, string[]>();
        Walk(dataset, result, "");
        return result;
    }

    private static void Walk(DicomDataset dataset, Dictionary<string, string[]> output, string prefix)
    {
        foreach (var item in dataset)
        {
            var key = prefix + item.Tag.Value.ToString("X8");
            if (item is DicomSequence sequence)
            {
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    Walk(sequence.Items[i], output, $"{key}[{i}]/");
                }
            }
            else if (item is DicomElement element && element.VR.IsString && element.VR != DicomVR.UR && item.Tag != DicomTags.SpecificCharacterSet
                     && item.Tag.Element != 0 && !(item.Tag.IsPrivate && item.Tag.Element >= 0x1000))
            {
                output[key] = Normalise(element.GetStrings(dataset.CharacterSet));
            }
        }
    }

    private static string[] Normalise(string[] values)
    {
        var result = values.Select(v => v.TrimEnd(' ', '\0').TrimEnd('=').TrimEnd('^').Trim()).ToArray();
        return result.All(v => v.Length == 0) ? [] : result;
    }
}
