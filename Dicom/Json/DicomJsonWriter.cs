using System.Buffers;
using System.Globalization;
using System.Text.Json;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Text;

namespace CloudFilm.Dicom.Json;

/// <summary>
/// Writes the DICOM JSON model (PS3.18 Annex F): tags as 8 upper-case hex digits, "vr" always, "Value" arrays,
/// PN as component-group objects, numbers for DS/IS/binary numbers (an invalid DS/IS kept as its string), AT as hex
/// strings, binary values as BulkDataURI or InlineBinary. Group lengths are left out (retired, PS3.5 §7.2). The
/// output is UTF-8; (0008,0005) keeps its source value (see the team notes, CP-2518).
/// </summary>
public static class DicomJsonWriter
{
    /// <summary>The DICOM JSON object of a data set (PS3.18 F.2) as a string.</summary>
    public static string Serialize(DicomDataset dataset, DicomJsonWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, dataset, options);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the DICOM JSON object of a data set as UTF-8 to a stream.</summary>
    public static void Write(Stream stream, DicomDataset dataset, DicomJsonWriterOptions? options = null)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = options?.Indented ?? false, SkipValidation = false });
        WriteDataset(writer, dataset, options ?? DicomJsonWriterOptions.Default, []);
    }

    /// <summary>Writes the DICOM JSON object of a data set as UTF-8 to a buffer writer.</summary>
    public static void Write(IBufferWriter<byte> output, DicomDataset dataset, DicomJsonWriterOptions? options = null)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = options?.Indented ?? false });
        WriteDataset(writer, dataset, options ?? DicomJsonWriterOptions.Default, []);
    }

    private static void WriteDataset(Utf8JsonWriter writer, DicomDataset dataset, DicomJsonWriterOptions options, List<DicomTag> path)
    {
        writer.WriteStartObject();
        foreach (var item in dataset)
        {
            if (item.Tag.Element == 0)
            {
                continue;
            }
            writer.WritePropertyName(item.Tag.Value.ToString("X8", CultureInfo.InvariantCulture));
            path.Add(item.Tag);
            WriteItem(writer, item, dataset.CharacterSet, options, path);
            path.RemoveAt(path.Count - 1);
        }
        writer.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter writer, DicomItem item, DicomCharacterSet characterSet, DicomJsonWriterOptions options, List<DicomTag> path)
    {
        writer.WriteStartObject();
        writer.WriteString("vr"u8, item.VR.Code);
        switch (item)
        {
            case DicomSequence sequence:
                if (sequence.Items.Count > 0)
                {
                    writer.WriteStartArray("Value"u8);
                    foreach (var child in sequence.Items)
                    {
                        WriteDataset(writer, child, options, path);
                    }
                    writer.WriteEndArray();
                }
                break;
            case DicomFragmentSequence fragments:
                WriteBinary(writer, item, options, path, () => EncapsulatedBytes(fragments));
                break;
            case DicomElement element:
                WriteElement(writer, element, characterSet, options, path);
                break;
        }
        writer.WriteEndObject();
    }

    private static void WriteElement(Utf8JsonWriter writer, DicomElement element, DicomCharacterSet characterSet, DicomJsonWriterOptions options, List<DicomTag> path)
    {
        if (element.Length == 0)
        {
            return;
        }
        var vr = element.VR;
        if (vr.Kind == DicomVRKind.Bulk)
        {
            WriteBinary(writer, element, options, path, () => element.Buffer.Memory);
            return;
        }
        if (vr.Kind == DicomVRKind.Binary)
        {
            if ((vr == DicomVR.FL || vr == DicomVR.FD) && HasNonFinite(element))
            {
                // JSON has no NaN or infinity: carry the bytes instead of inventing a value.
                writer.WriteBase64String("InlineBinary"u8, element.Buffer.Memory.Span);
                return;
            }
            writer.WriteStartArray("Value"u8);
            var count = element.GetCount(characterSet);
            for (var i = 0; i < count; i++)
            {
                if (vr == DicomVR.AT)
                {
                    element.TryGetInteger(i, out var tag);
                    writer.WriteStringValue(((uint)tag).ToString("X8", CultureInfo.InvariantCulture));
                }
                else if (vr == DicomVR.FL || vr == DicomVR.FD)
                {
                    element.TryGetFloat(i, out var d);
                    if (vr == DicomVR.FL)
                    {
                        writer.WriteNumberValue((float)d);
                    }
                    else
                    {
                        writer.WriteNumberValue(d);
                    }
                }
                else if (vr == DicomVR.UV)
                {
                    element.TryGetInteger(i, out var l);
                    writer.WriteNumberValue((ulong)l);
                }
                else
                {
                    element.TryGetInteger(i, out var l);
                    writer.WriteNumberValue(l);
                }
            }
            writer.WriteEndArray();
            return;
        }
        var values = element.GetStrings(characterSet);
        if (vr == DicomVR.PN)
        {
            // A name of carets only ("^^^^") is empty (PS3.5 §6.2.1.1): trailing empty components carry nothing.
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = string.Join('=', values[i].Split('=').Select(g => g.TrimEnd('^'))).TrimEnd('=');
            }
        }
        if (Array.TrueForAll(values, v => v.Length == 0))
        {
            return;
        }
        writer.WriteStartArray("Value"u8);
        foreach (var value in values)
        {
            if (value.Length == 0)
            {
                writer.WriteNullValue();
            }
            else if (vr == DicomVR.PN)
            {
                WritePersonName(writer, value);
            }
            else if (vr == DicomVR.DS || vr == DicomVR.IS)
            {
                WriteNumberString(writer, value, vr == DicomVR.IS);
            }
            else
            {
                writer.WriteStringValue(value);
            }
        }
        writer.WriteEndArray();
    }

    private static void WritePersonName(Utf8JsonWriter writer, string value)
    {
        var groups = value.Split('=');
        writer.WriteStartObject();
        ReadOnlySpan<string> names = ["Alphabetic", "Ideographic", "Phonetic"];
        for (var g = 0; g < groups.Length && g < 3; g++)
        {
            if (groups[g].Length > 0)
            {
                writer.WriteString(names[g], groups[g]);
            }
        }
        writer.WriteEndObject();
    }

    private static void WriteNumberString(Utf8JsonWriter writer, string text, bool integer)
    {
        if (integer)
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                writer.WriteNumberValue(l);
                return;
            }
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            if (IsJsonNumber(text))
            {
                writer.WriteRawValue(text, skipInputValidation: true);
            }
            else
            {
                writer.WriteNumberValue(d);
            }
            return;
        }
        writer.WriteStringValue(text); // an invalid original is kept, not dropped (PS3.18 F.2.3)
    }

    /// <summary>Whether text already is a JSON number (RFC 8259 §6), so it can be written unchanged.</summary>
    private static bool IsJsonNumber(string s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-')
        {
            i++;
        }
        if (i >= s.Length || !char.IsAsciiDigit(s[i]))
        {
            return false;
        }
        if (s[i] == '0' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
        {
            return false;
        }
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (i >= s.Length || !char.IsAsciiDigit(s[i]))
            {
                return false;
            }
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }
            if (i >= s.Length || !char.IsAsciiDigit(s[i]))
            {
                return false;
            }
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }
        return i == s.Length;
    }

    private static void WriteBinary(Utf8JsonWriter writer, DicomItem item, DicomJsonWriterOptions options, List<DicomTag> path, Func<ReadOnlyMemory<byte>> bytes)
    {
        if (options.BulkDataUri?.Invoke(item, path) is { } uri)
        {
            writer.WriteString("BulkDataURI"u8, uri);
            return;
        }
        var value = bytes();
        if ((value.Length & 1) == 1)
        {
            // Strict when writing: a value is even-length (PS3.5 §7.1.1), whatever the source held.
            value = DicomValueEncoder.PadToEven(value.ToArray(), 0);
        }
        writer.WriteBase64String("InlineBinary"u8, value.Span);
    }

    private static ReadOnlyMemory<byte> EncapsulatedBytes(DicomFragmentSequence fragments)
    {
        // Inline encapsulated data is the value as encoded: items with the offset table first (PS3.18 F.2.7).
        using var memory = new MemoryStream();
        DicomDatasetWriter.WriteItem(memory, fragments, explicitVR: false);
        return memory.ToArray().AsMemory(8);
    }

    private static bool HasNonFinite(DicomElement element)
    {
        var count = (int)(element.Length / element.VR.UnitSize);
        for (var i = 0; i < count; i++)
        {
            if (element.TryGetFloat(i, out var d) && !double.IsFinite(d))
            {
                return true;
            }
        }
        return false;
    }
}
