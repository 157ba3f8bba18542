using System.Buffers.Binary;
using CloudFilm.Dicom.Text;

namespace CloudFilm.Dicom.Data;

/// <summary>
/// A data element with a plain value (PS3.5 §7.1): its bytes exactly as read (little endian), padding included, so
/// writing it back reproduces them. Text is decoded on demand with the data set's character set.
/// </summary>
public sealed class DicomElement : DicomItem
{
    public DicomElement(DicomTag tag, DicomVR vr, DicomBuffer buffer)
        : base(tag, vr)
    {
        if (vr == DicomVR.SQ)
        {
            throw new ArgumentException("a sequence is a DicomSequence, not a DicomElement", nameof(vr));
        }
        Buffer = buffer;
    }

    public DicomElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> bytes)
        : this(tag, vr, DicomBuffer.From(bytes))
    {
    }

    /// <summary>The value bytes, little endian, exactly as read (odd lengths and padding kept).</summary>
    public DicomBuffer Buffer { get; }

    public long Length => Buffer.Length;

    /// <summary>The whole value as text, with trailing padding (spaces, NULs) removed; empty for binary VRs.</summary>
    public string GetText(DicomCharacterSet characterSet)
    {
        if (!VR.IsString)
        {
            return "";
        }
        var span = Buffer.Memory.Span;
        return characterSet.Decode(TrimPadding(span), VR);
    }

    /// <summary>
    /// The values of a string VR (decoded first, then split on backslash, PS3.5 §6.4). Insignificant spaces are
    /// trimmed: trailing everywhere, leading too except in ST, LT, UT and UC. An empty element has no values.
    /// </summary>
    public string[] GetStrings(DicomCharacterSet characterSet)
    {
        if (!VR.IsString)
        {
            return [];
        }
        var text = GetText(characterSet);
        if (text.Length == 0)
        {
            return [];
        }
        var values = VR.IsMultiValued ? text.Split('\\') : [text];
        var keepLeading = VR == DicomVR.ST || VR == DicomVR.LT || VR == DicomVR.UT || VR == DicomVR.UC;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = keepLeading ? values[i].TrimEnd(' ', '\0') : values[i].Trim(' ', '\0');
        }
        return values;
    }

    /// <summary>Number of values: split count for strings, length / unit size for binary VRs (PS3.5 §6.4).</summary>
    public int GetCount(DicomCharacterSet characterSet) => VR.IsString
        ? GetStrings(characterSet).Length
        : (int)(Buffer.Length / (VR == DicomVR.AT ? 4 : VR.UnitSize));

    /// <summary>One binary value as a 64-bit integer (AT gives group &lt;&lt; 16 | element), or false out of range.</summary>
    internal bool TryGetInteger(int index, out long value)
    {
        value = 0;
        var span = Buffer.Memory.Span;
        var unit = VR == DicomVR.AT ? 4 : VR.UnitSize;
        if (index < 0 || (long)(index + 1) * unit > span.Length)
        {
            return false;
        }
        var s = span.Slice(index * unit, unit);
        switch (VR.Code)
        {
            case "US" or "OW": value = BinaryPrimitives.ReadUInt16LittleEndian(s); break;
            case "SS": value = BinaryPrimitives.ReadInt16LittleEndian(s); break;
            case "UL" or "OL": value = BinaryPrimitives.ReadUInt32LittleEndian(s); break;
            case "SL": value = BinaryPrimitives.ReadInt32LittleEndian(s); break;
            case "SV": value = BinaryPrimitives.ReadInt64LittleEndian(s); break;
            case "UV" or "OV": value = (long)BinaryPrimitives.ReadUInt64LittleEndian(s); break;
            case "OB" or "UN": value = s[0]; break;
            case "AT":
                value = ((long)BinaryPrimitives.ReadUInt16LittleEndian(s) << 16) | BinaryPrimitives.ReadUInt16LittleEndian(s[2..]);
                break;
            case "FL" or "OF": value = (long)BinaryPrimitives.ReadSingleLittleEndian(s); break;
            case "FD" or "OD": value = (long)BinaryPrimitives.ReadDoubleLittleEndian(s); break;
            default: return false;
        }
        return true;
    }

    /// <summary>One binary value as a double, or false out of range.</summary>
    internal bool TryGetFloat(int index, out double value)
    {
        value = 0;
        var unit = VR.UnitSize;
        var span = Buffer.Memory.Span;
        if (VR == DicomVR.FL || VR == DicomVR.OF || VR == DicomVR.FD || VR == DicomVR.OD)
        {
            if (index < 0 || (long)(index + 1) * unit > span.Length)
            {
                return false;
            }
            var s = span.Slice(index * unit, unit);
            value = unit == 4 ? BinaryPrimitives.ReadSingleLittleEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s);
            return true;
        }
        if (TryGetInteger(index, out var integer))
        {
            value = VR == DicomVR.UV || VR == DicomVR.OV ? (ulong)integer : integer;
            return true;
        }
        return false;
    }

    internal static ReadOnlySpan<byte> TrimPadding(ReadOnlySpan<byte> span)
    {
        var end = span.Length;
        while (end > 0 && (span[end - 1] == 0x20 || span[end - 1] == 0x00))
        {
            end--;
        }
        return span[..end];
    }

    public override string ToString() => $"{Tag} {VR} ({Length} bytes)";
}
