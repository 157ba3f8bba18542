using System.Globalization;
using System.Text.Json;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;

namespace CloudFilm.Dicom.Json;

/// <summary>
/// Reads the DICOM JSON model (PS3.18 Annex F) into a data set. Numbers and strings are both accepted for DS, IS,
/// SV and UV (PS3.18 F.2.3); InlineBinary and BulkDataURI for any VR that allows them (F.2.6, F.2.7); null list entries become empty values (and are dropped from binary lists, which cannot hold one). Text is encoded in the (0008,0005) the JSON declares when
/// every character fits, otherwise the data set is switched to ISO_IR 192 (team notes §8).
/// Malformed JSON or values raise <see cref="DicomException"/>.
/// </summary>
public static class DicomJsonReader
{
    /// <summary>Reads one DICOM JSON object (PS3.18 F.2) into a data set.</summary>
    public static DicomDataset Deserialize(string json, DicomJsonReaderOptions? options = null)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement, options ?? DicomJsonReaderOptions.Default);
        }
        catch (JsonException e)
        {
            throw new DicomException($"invalid JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // JsonElement's answer to a value of the wrong JSON kind (a number where a string belongs, ...).
            throw new DicomException($"invalid DICOM JSON: {e.Message}", e);
        }
    }

    /// <summary>Reads one DICOM JSON object (PS3.18 F.2), UTF-8, from a stream.</summary>
    public static DicomDataset Read(Stream stream, DicomJsonReaderOptions? options = null)
    {
        try
        {
            using var document = JsonDocument.Parse(stream);
            return Read(document.RootElement, options ?? DicomJsonReaderOptions.Default);
        }
        catch (JsonException e)
        {
            throw new DicomException($"invalid JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new DicomException($"invalid DICOM JSON: {e.Message}", e);
        }
    }

    private static DicomDataset Read(JsonElement root, DicomJsonReaderOptions options)
    {
        try
        {
            var dataset = new DicomDataset();
            Fill(dataset, root, options, forceUtf8: false);
            return dataset;
        }
        catch (CharacterDoesNotFitException)
        {
            var dataset = new DicomDataset();
            Fill(dataset, root, options, forceUtf8: true);
            return dataset;
        }
    }

    private static void Fill(DicomDataset dataset, JsonElement json, DicomJsonReaderOptions options, bool forceUtf8)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new DicomException($"a data set must be a JSON object, not {json.ValueKind}");
        }
        // The character set goes first: the other text values are encoded with it.
        if (forceUtf8 && dataset.Parent is null)
        {
            dataset.Set(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        }
        else if (!forceUtf8 && json.TryGetProperty("00080005", out var charset))
        {
            ReadAttribute(dataset, DicomTags.SpecificCharacterSet, charset, options, forceUtf8);
        }
        foreach (var property in json.EnumerateObject())
        {
            var tag = ParseTag(property.Name);
            if (tag == DicomTags.SpecificCharacterSet)
            {
                continue;
            }
            ReadAttribute(dataset, tag, property.Value, options, forceUtf8);
        }
    }

    private static void ReadAttribute(DicomDataset dataset, DicomTag tag, JsonElement attribute, DicomJsonReaderOptions options, bool forceUtf8)
    {
        if (attribute.ValueKind != JsonValueKind.Object)
        {
            throw new DicomException($"{tag}: an attribute must be a JSON object");
        }
        var vr = attribute.TryGetProperty("vr", out var vrJson) && vrJson.ValueKind == JsonValueKind.String
            ? DicomVR.TryParse(vrJson.GetString()!, out var parsed) ? parsed : throw new DicomException($"{tag}: unknown VR '{vrJson.GetString()}'")
            : DicomDictionary.Find(tag)?.VR ?? DicomVR.UN;

        if (attribute.TryGetProperty("InlineBinary", out var inline))
        {
            dataset.AddOrUpdate(new DicomElement(tag, vr, DicomValueEncoder.PadToEven(Base64(tag, inline), 0)));
            return;
        }
        if (attribute.TryGetProperty("BulkDataURI", out var uri))
        {
            var bytes = options.ResolveBulkData?.Invoke(uri.GetString() ?? "", tag, vr) ?? ReadOnlyMemory<byte>.Empty;
            dataset.AddOrUpdate(new DicomElement(tag, vr, bytes));
            return;
        }
        attribute.TryGetProperty("Value", out var value);
        if (value.ValueKind is not (JsonValueKind.Array or JsonValueKind.Undefined))
        {
            throw new DicomException($"{tag}: \"Value\" must be an array");
        }
        var values = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToArray() : [];

        if (vr == DicomVR.SQ)
        {
            var sequence = new DicomSequence(tag);
            dataset.AddOrUpdate(sequence);
            foreach (var itemJson in values)
            {
                var item = new DicomDataset();
                sequence.Items.Add(item);
                Fill(item, itemJson, options, forceUtf8);
            }
            return;
        }
        switch (vr.Kind)
        {
            case DicomVRKind.Text:
                var texts = Array.ConvertAll(values, v => Text(tag, vr, v));
                try
                {
                    dataset.Set(tag, vr, texts);
                }
                catch (DicomException) when (vr.UsesCharacterSet && !forceUtf8)
                {
                    throw new CharacterDoesNotFitException();
                }
                return;
            case DicomVRKind.Binary:
            case DicomVRKind.Bulk:
                // A binary value cannot be empty: a null among numbers (seen in the wild) is dropped, not invented.
                values = Array.FindAll(values, v => v.ValueKind != JsonValueKind.Null);
                if (vr == DicomVR.AT)
                {
                    dataset.Set(tag, vr, Array.ConvertAll(values, v => ParseTag(v.GetString() ?? "")));
                }
                else if (vr == DicomVR.FL || vr == DicomVR.FD || vr == DicomVR.OF || vr == DicomVR.OD)
                {
                    dataset.Set(tag, vr, Array.ConvertAll(values, v => Number<double>(tag, v)));
                }
                else if (vr == DicomVR.UV || vr == DicomVR.OV)
                {
                    dataset.Set(tag, vr, Array.ConvertAll(values, v => Number<ulong>(tag, v)));
                }
                else
                {
                    dataset.Set(tag, vr, Array.ConvertAll(values, v => Number<long>(tag, v)));
                }
                return;
        }
    }

    private static string Text(DicomTag tag, DicomVR vr, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String => value.GetString()!,
        // DS and IS may arrive as numbers (PS3.18 F.2.3): keep the number's own text.
        JsonValueKind.Number when vr == DicomVR.DS => value.GetRawText().Length <= 16 ? value.GetRawText() : DicomValueEncoder.FormatDecimalString(value.GetDouble()),
        // An IS written as 1.0E2 by a generic JSON library is still the integer 100.
        JsonValueKind.Number when vr == DicomVR.IS && !value.TryGetInt64(out _) && value.GetDouble() is var d && d == Math.Floor(d) && Math.Abs(d) < 1e12 =>
            ((long)d).ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Object when vr == DicomVR.PN => PersonName(value),
        _ => throw new DicomException($"{tag}: unexpected {value.ValueKind} for {vr}"),
    };

    private static string PersonName(JsonElement name)
    {
        string Group(string key) => name.TryGetProperty(key, out var g) && g.ValueKind == JsonValueKind.String ? g.GetString()! : "";
        return new DicomPersonName(Group("Alphabetic"), Group("Ideographic"), Group("Phonetic")).ToString();
    }

    private static T Number<T>(DicomTag tag, JsonElement value)
    {
        try
        {
            var text = value.ValueKind switch
            {
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.String => value.GetString()!,
                _ => throw new DicomException($"{tag}: expected a number, found {value.ValueKind}"),
            };
            if (typeof(T) == typeof(double))
            {
                return (T)(object)double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            if (typeof(T) == typeof(ulong))
            {
                return (T)(object)ulong.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
            }
            return (T)(object)long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new DicomException($"{tag}: '{value}' is not a valid number");
        }
    }

    private static byte[] Base64(DicomTag tag, JsonElement value)
    {
        try
        {
            return value.GetBytesFromBase64();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new DicomException($"{tag}: InlineBinary is not base64");
        }
    }

    private static DicomTag ParseTag(string text) =>
        text.Length == 8 && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? DicomTag.FromValue(value)
            : throw new DicomException($"'{text}' is not a tag of 8 hex digits");

    /// <summary>A character does not fit the declared set: start over in UTF-8.</summary>
    private sealed class CharacterDoesNotFitException : Exception;
}
