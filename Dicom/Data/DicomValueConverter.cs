using System.Globalization;
using CloudFilm.Dicom.Text;

namespace CloudFilm.Dicom.Data;

/// <summary>
/// Reads one value of an element as a .NET type: numbers from binary VRs or from DS/IS text (invariant culture,
/// tolerant of spaces and "1.0" in IS), dates, times, person names, tags and strings.
/// </summary>
internal static class DicomValueConverter
{
    public static bool TryGet<T>(DicomElement element, int index, DicomCharacterSet characterSet, out T value)
    {
        value = default!;
        if (element.VR.IsString)
        {
            var values = element.GetStrings(characterSet);
            if (typeof(T) == typeof(string) && values.Length == 0 && index == 0)
            {
                return false;
            }
            return index >= 0 && index < values.Length && TryFromText(values[index], out value);
        }
        if (typeof(T) == typeof(string))
        {
            if (!element.TryGetFloat(index, out var d))
            {
                return false;
            }
            var text = element.VR == DicomVR.AT && element.TryGetInteger(index, out var at)
                ? DicomTag.FromValue((uint)at).ToString()
                : d.ToString("R", CultureInfo.InvariantCulture);
            value = (T)(object)text;
            return true;
        }
        if (typeof(T) == typeof(DicomTag))
        {
            if (!element.TryGetInteger(index, out var tag))
            {
                return false;
            }
            value = (T)(object)DicomTag.FromValue((uint)tag);
            return true;
        }
        if (typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(decimal))
        {
            return element.TryGetFloat(index, out var f) && TryFromDouble(f, out value);
        }
        if (element.VR == DicomVR.UV || element.VR == DicomVR.OV)
        {
            return element.TryGetInteger(index, out var u) && TryFromUnsigned((ulong)u, out value);
        }
        return element.TryGetInteger(index, out var l) && TryFromLong(l, out value);
    }

    internal static bool TryFromText<T>(string text, out T value)
    {
        value = default!;
        object? result = null;
        if (typeof(T) == typeof(string))
        {
            result = text;
        }
        else if (typeof(T) == typeof(DicomPersonName))
        {
            result = DicomPersonName.Parse(text);
        }
        else if (typeof(T) == typeof(DateOnly))
        {
            if (DicomDateTimeParser.TryParseDate(text, out var d))
            {
                result = d;
            }
        }
        else if (typeof(T) == typeof(TimeOnly))
        {
            if (DicomDateTimeParser.TryParseTime(text, out var t))
            {
                result = t;
            }
        }
        else if (typeof(T) == typeof(DateTime))
        {
            if (DicomDateTimeParser.TryParseDateTime(text, out var dt, out _))
            {
                result = dt;
            }
        }
        else if (typeof(T) == typeof(DateTimeOffset))
        {
            if (DicomDateTimeParser.TryParseDateTime(text, out var dt, out var offset))
            {
                result = new DateTimeOffset(dt, offset ?? TimeSpan.Zero);
            }
        }
        else if (long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var l))
        {
            return typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(decimal)
                ? TryFromDouble(l, out value)
                : TryFromLong(l, out value);
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            if (typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(decimal))
            {
                return TryFromDouble(d, out value);
            }
            // IS written as "1.0" by some devices: accept whole numbers on read.
            return d == Math.Floor(d) && d is >= long.MinValue and <= long.MaxValue && TryFromLong((long)d, out value);
        }
        if (result is T typed)
        {
            value = typed;
            return true;
        }
        return false;
    }

    private static bool TryFromLong<T>(long l, out T value)
    {
        value = default!;
        object? result = Type.GetTypeCode(typeof(T)) switch
        {
            TypeCode.Int32 when l is >= int.MinValue and <= int.MaxValue => (int)l,
            TypeCode.UInt32 when l is >= 0 and <= uint.MaxValue => (uint)l,
            TypeCode.Int16 when l is >= short.MinValue and <= short.MaxValue => (short)l,
            TypeCode.UInt16 when l is >= 0 and <= ushort.MaxValue => (ushort)l,
            TypeCode.Byte when l is >= 0 and <= byte.MaxValue => (byte)l,
            TypeCode.Int64 => l,
            TypeCode.UInt64 when l >= 0 => (ulong)l,
            TypeCode.Double => (double)l,
            TypeCode.Single => (float)l,
            TypeCode.Decimal => (decimal)l,
            TypeCode.String => l.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        if (result is T typed)
        {
            value = typed;
            return true;
        }
        return false;
    }

    private static bool TryFromUnsigned<T>(ulong u, out T value)
    {
        if (typeof(T) == typeof(ulong))
        {
            value = (T)(object)u;
            return true;
        }
        if (u <= long.MaxValue)
        {
            return TryFromLong((long)u, out value);
        }
        value = default!;
        return false;
    }

    private static bool TryFromDouble<T>(double d, out T value)
    {
        value = default!;
        object? result = Type.GetTypeCode(typeof(T)) switch
        {
            TypeCode.Double => d,
            TypeCode.Single => (float)d,
            TypeCode.Decimal when double.IsFinite(d) && Math.Abs(d) < 7.9e28 => (decimal)d,
            _ => null,
        };
        if (result is T typed)
        {
            value = typed;
            return true;
        }
        return false;
    }
}
