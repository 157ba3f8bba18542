using System.Buffers.Binary;
using System.Globalization;
using CloudFilm.Dicom.Text;

namespace CloudFilm.Dicom.Data;

/// <summary>
/// Builds element values from .NET values, strictly (PS3.5 §6.2): numbers in invariant culture, DS shortened to 16
/// characters, text in the data set's character set, odd lengths padded to even with the VR's padding byte.
/// </summary>
public static class DicomValueEncoder
{
    /// <summary>Encodes values for a VR; throws <see cref="DicomException"/> for values the VR cannot hold.</summary>
    public static byte[] Encode<T>(DicomVR vr, DicomCharacterSet characterSet, IReadOnlyList<T> values)
    {
        switch (vr.Kind)
        {
            case DicomVRKind.Text:
                var parts = new string[values.Count];
                for (var i = 0; i < parts.Length; i++)
                {
                    parts[i] = FormatText(vr, values[i]);
                    if (!vr.IsMultiValued && parts.Length > 1)
                    {
                        throw new DicomException($"{vr} holds a single value");
                    }
                }
                return PadToEven(characterSet.Encode(string.Join('\\', parts), vr), vr.Padding);
            case DicomVRKind.Binary:
            case DicomVRKind.Bulk:
                if (typeof(T) == typeof(byte) && (vr == DicomVR.OB || vr == DicomVR.UN))
                {
                    var raw = new byte[values.Count];
                    for (var i = 0; i < raw.Length; i++)
                    {
                        raw[i] = (byte)(object)values[i]!;
                    }
                    return PadToEven(raw, 0);
                }
                return EncodeBinary(vr, values);
            default:
                throw new DicomException($"{vr} values are items, not {typeof(T).Name}");
        }
    }

    /// <summary>Pads an odd-length value with one byte (PS3.5 §7.1.1).</summary>
    public static byte[] PadToEven(byte[] bytes, byte padding)
    {
        if ((bytes.Length & 1) == 0)
        {
            return bytes;
        }
        var padded = new byte[bytes.Length + 1];
        bytes.CopyTo(padded, 0);
        padded[^1] = padding;
        return padded;
    }

    /// <summary>Formats a decimal string of at most 16 characters, reducing precision until it fits (PS3.5 §6.2).</summary>
    public static string FormatDecimalString(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new DicomException("DS cannot hold NaN or infinity");
        }
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        for (var precision = 15; text.Length > 16 && precision > 0; precision--)
        {
            text = value.ToString("G" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
        if (text.Length > 16)
        {
            throw new DicomException($"{value} does not fit in a DS value");
        }
        return text;
    }

    private static string FormatText<T>(DicomVR vr, T value)
    {
        switch (value)
        {
            case null: return "";
            case string s: return s;
            case DicomPersonName pn: return pn.ToString();
            case DateOnly d: return DicomDateTimeParser.FormatDate(d);
            case TimeOnly t: return DicomDateTimeParser.FormatTime(t);
            case DateTimeOffset dto: return DicomDateTimeParser.FormatDateTime(dto);
            case DateTime dt:
                return vr == DicomVR.DA ? DicomDateTimeParser.FormatDate(DateOnly.FromDateTime(dt))
                    : vr == DicomVR.TM ? DicomDateTimeParser.FormatTime(TimeOnly.FromDateTime(dt))
                    : DicomDateTimeParser.FormatDateTime(dt);
            case double d: return vr == DicomVR.DS ? FormatDecimalString(d) : d.ToString("R", CultureInfo.InvariantCulture);
            case float f: return vr == DicomVR.DS ? FormatDecimalString(f) : f.ToString("R", CultureInfo.InvariantCulture);
            case decimal m: return vr == DicomVR.DS ? FormatDecimalString((double)m) : m.ToString(CultureInfo.InvariantCulture);
            case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
            default: return value.ToString() ?? "";
        }
    }

    private static byte[] EncodeBinary<T>(DicomVR vr, IReadOnlyList<T> values)
    {
        var unit = vr == DicomVR.AT ? 4 : vr.UnitSize;
        var bytes = new byte[values.Count * unit];
        for (var i = 0; i < values.Count; i++)
        {
            var s = bytes.AsSpan(i * unit, unit);
            var v = values[i];
            if (vr == DicomVR.AT)
            {
                var tag = v is DicomTag t ? t : DicomTag.FromValue(Convert.ToUInt32(v, CultureInfo.InvariantCulture));
                BinaryPrimitives.WriteUInt16LittleEndian(s, tag.Group);
                BinaryPrimitives.WriteUInt16LittleEndian(s[2..], tag.Element);
                continue;
            }
            try
            {
                switch (vr.Code)
                {
                    case "US" or "OW": BinaryPrimitives.WriteUInt16LittleEndian(s, Convert.ToUInt16(v, CultureInfo.InvariantCulture)); break;
                    case "SS": BinaryPrimitives.WriteInt16LittleEndian(s, Convert.ToInt16(v, CultureInfo.InvariantCulture)); break;
                    case "UL" or "OL": BinaryPrimitives.WriteUInt32LittleEndian(s, Convert.ToUInt32(v, CultureInfo.InvariantCulture)); break;
                    case "SL": BinaryPrimitives.WriteInt32LittleEndian(s, Convert.ToInt32(v, CultureInfo.InvariantCulture)); break;
                    case "SV": BinaryPrimitives.WriteInt64LittleEndian(s, Convert.ToInt64(v, CultureInfo.InvariantCulture)); break;
                    case "UV" or "OV": BinaryPrimitives.WriteUInt64LittleEndian(s, Convert.ToUInt64(v, CultureInfo.InvariantCulture)); break;
                    case "FL" or "OF": BinaryPrimitives.WriteSingleLittleEndian(s, Convert.ToSingle(v, CultureInfo.InvariantCulture)); break;
                    case "FD" or "OD": BinaryPrimitives.WriteDoubleLittleEndian(s, Convert.ToDouble(v, CultureInfo.InvariantCulture)); break;
                    case "OB" or "UN": s[0] = Convert.ToByte(v, CultureInfo.InvariantCulture); break;
                    default: throw new DicomException($"cannot encode {typeof(T).Name} as {vr}");
                }
            }
            catch (Exception e) when (e is OverflowException or InvalidCastException or FormatException)
            {
                throw new DicomException($"value '{v}' does not fit {vr}: {e.Message}");
            }
        }
        return PadToEven(bytes, 0);
    }
}
