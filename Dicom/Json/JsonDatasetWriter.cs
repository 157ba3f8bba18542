using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Text;

namespace CloudFilm.Dicom.Json;

/// <summary>
/// Writes data sets as DICOM JSON objects (PS3.18 F.2) to one <see cref="Utf8JsonWriter"/>: the shared engine of
/// <see cref="DicomJsonWriter"/> and <see cref="DicomJsonArrayWriter"/>. Text in the default repertoire (and ASCII
/// in any set that keeps ASCII as is) is copied as UTF-8 without decoding, so a metadata answer of hundreds of
/// instances costs milliseconds.
/// </summary>
internal sealed class JsonDatasetWriter(Utf8JsonWriter json, DicomJsonWriterOptions options)
{
    /// <summary>Largest integer a JSON number holds exactly in an IEEE double (PS3.18 F.2.3 note on SV and UV).</summary>
    private const long MaxExactInteger = (1L << 53) - 1;

    private readonly IncludeFilter? _include = IncludeFilter.For(options.IncludeTags);
    private readonly List<(DicomTag Sequence, int Item)> _enclosing = [];

    public void Write(DicomDataset dataset) => WriteDataset(dataset, topLevel: true);

    private void WriteDataset(DicomDataset dataset, bool topLevel)
    {
        json.WriteStartObject();
        var characterSet = dataset.CharacterSet;
        Span<byte> name = stackalloc byte[8];
        foreach (var item in dataset)
        {
            if (item.Tag.Element == 0 || topLevel && _include is { } include && !include.Includes(item.Tag))
            {
                continue; // group lengths are left out (PS3.18 F.2.2)
            }
            FormatTag(item.Tag, name);
            json.WritePropertyName(name);
            WriteAttribute(item, characterSet);
        }
        json.WriteEndObject();
    }

    private void WriteAttribute(DicomItem item, DicomCharacterSet characterSet)
    {
        json.WriteStartObject();
        json.WriteString("vr"u8, item.VR.CodeUtf8);
        switch (item)
        {
            case DicomSequence sequence:
                WriteItems(sequence);
                break;
            case DicomFragmentSequence fragments:
                if (!TryWriteBulkDataUri(item))
                {
                    // Inline encapsulated data is the value as encoded: items, offset table first (PS3.18 F.2.7).
                    json.WriteBase64String("InlineBinary"u8, DicomJsonWriter.EncapsulatedBytes(fragments));
                }
                break;
            case DicomElement element when element.Length > 0 && !TryWriteBulkDataUri(item):
                WriteValue(element, characterSet);
                break;
        }
        json.WriteEndObject();
    }

    private void WriteItems(DicomSequence sequence)
    {
        if (sequence.Items.Count == 0)
        {
            return; // an empty sequence has no "Value" (PS3.18 F.2.5)
        }
        json.WriteStartArray("Value"u8);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            _enclosing.Add((sequence.Tag, i));
            WriteDataset(sequence.Items[i], topLevel: false);
            _enclosing.RemoveAt(_enclosing.Count - 1);
        }
        json.WriteEndArray();
    }

    private bool TryWriteBulkDataUri(DicomItem item)
    {
        if (options.BulkDataUri is not { } provider || !DicomBulkData.MayBeBulkData(item)
            || provider(item, new DicomAttributePath(_enclosing, item.Tag)) is not { } uri)
        {
            return false;
        }
        json.WriteString("BulkDataURI"u8, uri);
        return true;
    }

    private void WriteValue(DicomElement element, DicomCharacterSet characterSet)
    {
        switch (element.VR.Kind)
        {
            case DicomVRKind.Bulk:
                WriteInlineBinary(element.Buffer.Memory.Span);
                break;
            case DicomVRKind.Binary when (element.VR == DicomVR.FL || element.VR == DicomVR.FD) && HasNonFinite(element):
                // JSON has no NaN or infinity: carry the bytes instead of inventing a value.
                WriteInlineBinary(element.Buffer.Memory.Span);
                break;
            case DicomVRKind.Binary:
                WriteNumbers(element.VR, element.Buffer.Memory.Span);
                break;
            case DicomVRKind.Text when element.VR == DicomVR.PN:
                WritePersonNames(element.GetStrings(characterSet));
                break;
            case DicomVRKind.Text:
                var bytes = DicomElement.TrimPadding(element.Buffer.Memory.Span);
                if (IsPrintableAscii(bytes) && (!element.VR.UsesCharacterSet || characterSet.KeepsAsciiAsIs))
                {
                    WriteAsciiStrings(element.VR, bytes);
                }
                else
                {
                    WriteStrings(element.VR, element.GetStrings(characterSet));
                }
                break;
        }
    }

    private void WriteInlineBinary(ReadOnlySpan<byte> value)
    {
        if ((value.Length & 1) == 0)
        {
            json.WriteBase64String("InlineBinary"u8, value);
            return;
        }
        // Strict when writing: a value is even-length (PS3.5 §7.1.1), whatever the source held.
        json.WriteBase64String("InlineBinary"u8, DicomValueEncoder.PadToEven(value.ToArray(), 0));
    }

    private void WriteNumbers(DicomVR vr, ReadOnlySpan<byte> span)
    {
        json.WriteStartArray("Value"u8);
        // One loop per VR: the VR is decided once per element, not once per value.
        if (vr == DicomVR.US)
        {
            for (var i = 0; i + 2 <= span.Length; i += 2)
            {
                json.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(span[i..]));
            }
        }
        else if (vr == DicomVR.SS)
        {
            for (var i = 0; i + 2 <= span.Length; i += 2)
            {
                json.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(span[i..]));
            }
        }
        else if (vr == DicomVR.UL)
        {
            for (var i = 0; i + 4 <= span.Length; i += 4)
            {
                json.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(span[i..]));
            }
        }
        else if (vr == DicomVR.SL)
        {
            for (var i = 0; i + 4 <= span.Length; i += 4)
            {
                json.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(span[i..]));
            }
        }
        else if (vr == DicomVR.FL)
        {
            for (var i = 0; i + 4 <= span.Length; i += 4)
            {
                json.WriteNumberValue(BinaryPrimitives.ReadSingleLittleEndian(span[i..]));
            }
        }
        else if (vr == DicomVR.FD)
        {
            for (var i = 0; i + 8 <= span.Length; i += 8)
            {
                json.WriteNumberValue(BinaryPrimitives.ReadDoubleLittleEndian(span[i..]));
            }
        }
        else if (vr == DicomVR.SV)
        {
            for (var i = 0; i + 8 <= span.Length; i += 8)
            {
                var value = BinaryPrimitives.ReadInt64LittleEndian(span[i..]);
                if (value is >= -MaxExactInteger and <= MaxExactInteger)
                {
                    json.WriteNumberValue(value);
                }
                else
                {
                    // Beyond 2^53 a JSON reader's double would round it: a string keeps it (PS3.18 F.2.3).
                    json.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
                }
            }
        }
        else if (vr == DicomVR.UV)
        {
            for (var i = 0; i + 8 <= span.Length; i += 8)
            {
                var value = BinaryPrimitives.ReadUInt64LittleEndian(span[i..]);
                if (value <= MaxExactInteger)
                {
                    json.WriteNumberValue(value);
                }
                else
                {
                    json.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
                }
            }
        }
        else if (vr == DicomVR.AT)
        {
            Span<byte> hex = stackalloc byte[8];
            for (var i = 0; i + 4 <= span.Length; i += 4)
            {
                FormatTag(new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(span[i..]), BinaryPrimitives.ReadUInt16LittleEndian(span[(i + 2)..])), hex);
                json.WriteStringValue(hex);
            }
        }
        json.WriteEndArray();
    }

    /// <summary>Printable ASCII text, split on backslashes and trimmed as <see cref="DicomElement.GetStrings"/> does, without decoding.</summary>
    private void WriteAsciiStrings(DicomVR vr, ReadOnlySpan<byte> text)
    {
        var keepLeading = vr == DicomVR.ST || vr == DicomVR.LT || vr == DicomVR.UT || vr == DicomVR.UC;
        if (!vr.IsMultiValued)
        {
            var single = Trim(text, keepLeading);
            if (single.Length > 0)
            {
                json.WriteStartArray("Value"u8);
                WriteString(vr, single);
                json.WriteEndArray();
            }
            return;
        }
        if (IsAllEmpty(text, keepLeading))
        {
            return; // only empty values: present without a value (PS3.18 F.2.5)
        }
        json.WriteStartArray("Value"u8);
        var rest = text;
        while (true)
        {
            var end = rest.IndexOf((byte)'\\');
            var value = Trim(end < 0 ? rest : rest[..end], keepLeading);
            if (value.Length == 0)
            {
                json.WriteNullValue(); // an empty value among others is null (PS3.18 F.2.5)
            }
            else
            {
                WriteString(vr, value);
            }
            if (end < 0)
            {
                break;
            }
            rest = rest[(end + 1)..];
        }
        json.WriteEndArray();
    }

    private void WriteString(DicomVR vr, ReadOnlySpan<byte> value)
    {
        if (vr == DicomVR.IS && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            json.WriteNumberValue(integer);
        }
        else if (vr == DicomVR.DS && IsJsonNumber(value))
        {
            json.WriteRawValue(value, skipInputValidation: true); // the number's own digits, nothing rounded
        }
        else if (vr == DicomVR.DS && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            json.WriteNumberValue(d); // "+1.5E2", ".5", "007": valid DS, not JSON numbers
        }
        else
        {
            json.WriteStringValue(value); // text, or an invalid DS/IS kept as its string (PS3.18 F.2.3)
        }
    }

    private void WriteStrings(DicomVR vr, string[] values)
    {
        if (Array.TrueForAll(values, v => v.Length == 0))
        {
            return;
        }
        json.WriteStartArray("Value"u8);
        foreach (var value in values)
        {
            if (value.Length == 0)
            {
                json.WriteNullValue();
            }
            else if (vr == DicomVR.DS || vr == DicomVR.IS)
            {
                WriteString(vr, System.Text.Encoding.UTF8.GetBytes(value));
            }
            else
            {
                json.WriteStringValue(value);
            }
        }
        json.WriteEndArray();
    }

    /// <summary>PN values as objects of their non-empty component groups (PS3.18 F.2.2); "^^^^" is empty (PS3.5 6.2.1.1).</summary>
    private void WritePersonNames(string[] values)
    {
        var names = Array.ConvertAll(values, DicomPersonName.Parse);
        if (Array.TrueForAll(names, n => n.IsEmpty))
        {
            return;
        }
        json.WriteStartArray("Value"u8);
        foreach (var name in names)
        {
            if (name.IsEmpty)
            {
                json.WriteNullValue();
                continue;
            }
            json.WriteStartObject();
            WriteGroup("Alphabetic"u8, name.Alphabetic);
            WriteGroup("Ideographic"u8, name.Ideographic);
            WriteGroup("Phonetic"u8, name.Phonetic);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private void WriteGroup(ReadOnlySpan<byte> key, string group)
    {
        group = group.TrimEnd('^');
        if (group.Length > 0)
        {
            json.WriteString(key, group);
        }
    }

    internal static void FormatTag(DicomTag tag, Span<byte> destination) =>
        tag.Value.TryFormat(destination, out _, "X8", CultureInfo.InvariantCulture);

    private static bool IsPrintableAscii(ReadOnlySpan<byte> bytes) =>
        !bytes.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E);

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value, bool keepLeading) =>
        keepLeading ? value.TrimEnd((byte)' ') : value.Trim((byte)' ');

    private static bool IsAllEmpty(ReadOnlySpan<byte> text, bool keepLeading)
    {
        foreach (var range in text.Split((byte)'\\'))
        {
            if (Trim(text[range], keepLeading).Length > 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether text already is a JSON number (RFC 8259 §6), so it can be written unchanged.</summary>
    private static bool IsJsonNumber(ReadOnlySpan<byte> s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-')
        {
            i++;
        }
        if (i >= s.Length || !char.IsAsciiDigit((char)s[i]) || s[i] == '0' && i + 1 < s.Length && char.IsAsciiDigit((char)s[i + 1]))
        {
            return false;
        }
        i = SkipDigits(s, i);
        if (i < s.Length && s[i] == '.')
        {
            var start = ++i;
            if ((i = SkipDigits(s, i)) == start)
            {
                return false;
            }
        }
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }
            var start = i;
            if ((i = SkipDigits(s, i)) == start)
            {
                return false;
            }
        }
        return i == s.Length;
    }

    private static int SkipDigits(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && char.IsAsciiDigit((char)s[i]))
        {
            i++;
        }
        return i;
    }

    private static bool HasNonFinite(DicomElement element)
    {
        var span = element.Buffer.Memory.Span;
        var unit = element.VR.UnitSize;
        for (var offset = 0; offset + unit <= span.Length; offset += unit)
        {
            var value = unit == 4 ? BinaryPrimitives.ReadSingleLittleEndian(span[offset..]) : BinaryPrimitives.ReadDoubleLittleEndian(span[offset..]);
            if (!double.IsFinite(value))
            {
                return true;
            }
        }
        return false;
    }
}
