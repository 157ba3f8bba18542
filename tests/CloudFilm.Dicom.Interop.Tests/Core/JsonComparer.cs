using System.Text.Json.Nodes;

namespace CloudFilm.Dicom.Interop.Tests.Core;

/// <summary>
/// Compares two DICOM JSON documents by structure: same keys, same VRs, numbers equal as numbers (DS "0.50" and 0.5
/// agree; FL printed with different digits agrees to single precision), InlineBinary equal as bytes.
/// </summary>
internal static class JsonComparer
{
    public static List<string> Differences(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var differences = new List<string>();
        Compare(expected, actual, path, differences);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected)
        {
            case null:
                if (actual is not null)
                {
                    differences.Add($"{path}: expected null, got {actual.ToJsonString()}");
                }
                return;
            case JsonObject eo when actual is JsonObject ao:
                foreach (var (key, value) in eo)
                {
                    if (!ao.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: missing");
                    }
                    else if (key == "InlineBinary")
                    {
                        if (!Convert.FromBase64String(value!.GetValue<string>()).AsSpan().SequenceEqual(Convert.FromBase64String(ao[key]!.GetValue<string>())))
                        {
                            differences.Add($"{path}.{key}: bytes differ");
                        }
                    }
                    else
                    {
                        Compare(value, ao[key], $"{path}.{key}", differences);
                    }
                }
                foreach (var (key, _) in ao)
                {
                    if (!eo.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: unexpected");
                    }
                }
                return;
            case JsonArray ea when actual is JsonArray aa:
                if (ea.Count != aa.Count)
                {
                    differences.Add($"{path}: {ea.Count} values expected, got {aa.Count}");
                    return;
                }
                for (var i = 0; i < ea.Count; i++)
                {
                    Compare(ea[i], aa[i], $"{path}[{i}]", differences);
                }
                return;
            case JsonValue ev when actual is JsonValue av:
                if (ev.TryGetValue<double>(out var ed) && av.TryGetValue<double>(out var ad))
                {
                    if (ed != ad && Math.Abs(ed - ad) > 1e-6 * Math.Max(Math.Abs(ed), Math.Abs(ad)))
                    {
                        differences.Add($"{path}: expected {ed}, got {ad}");
                    }
                    return;
                }
                if (ev.ToJsonString() != av.ToJsonString())
                {
                    differences.Add($"{path}: expected {ev.ToJsonString()}, got {av.ToJsonString()}");
                }
                return;
            default:
                differences.Add($"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
                return;
        }
    }
}
