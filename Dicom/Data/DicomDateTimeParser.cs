using System.Globalization;

namespace CloudFilm.Dicom.Data;

/// <summary>
/// DA, TM and DT values (PS3.5 §6.2, Table 6.2-1), read tolerantly (legacy "YYYY.MM.DD", "HH:MM:SS") and written
/// in the standard form. Fractions are fractions: ".5" is half a second, not 5 µs.
/// </summary>
public static class DicomDateTimeParser
{
    /// <summary>Parses DA (YYYYMMDD; legacy YYYY.MM.DD accepted).</summary>
    public static bool TryParseDate(string value, out DateOnly date)
    {
        var digits = value.Trim().Replace(".", "", StringComparison.Ordinal);
        return DateOnly.TryParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>Parses TM (HH[MM[SS[.F{1-6}]]]; legacy colons accepted; second 60 clamped).</summary>
    public static bool TryParseTime(string value, out TimeOnly time)
    {
        time = default;
        var s = value.Trim().Replace(":", "", StringComparison.Ordinal);
        if (s.Length < 2 || !int.TryParse(s.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hour))
        {
            return false;
        }
        int minute = 0, second = 0;
        long ticks = 0;
        if (s.Length >= 4 && !int.TryParse(s.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out minute))
        {
            return false;
        }
        if (s.Length >= 6 && !int.TryParse(s.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out second))
        {
            return false;
        }
        if (s.Length > 6)
        {
            if (s[6] != '.' || !TryParseFraction(s.AsSpan(7), out ticks))
            {
                return false;
            }
        }
        else if (s.Length is not (2 or 4 or 6))
        {
            return false;
        }
        if (hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }
        // A leap second (60) has no TimeOnly representation: clamp to the last tick of the minute.
        var total = new TimeSpan(hour, minute, Math.Min(second, 59)).Ticks + (second == 60 ? TimeSpan.TicksPerSecond - 1 : ticks);
        time = new TimeOnly(Math.Min(total, TimeOnly.MaxValue.Ticks));
        return true;
    }

    /// <summary>Parses DT; a missing offset gives <see cref="DateTimeKind.Unspecified"/> and offset null.</summary>
    public static bool TryParseDateTime(string value, out DateTime dateTime, out TimeSpan? offset)
    {
        dateTime = default;
        offset = null;
        var s = value.Trim();
        var sign = s.IndexOfAny(['+', '-'], Math.Min(4, s.Length));
        if (sign >= 0)
        {
            var o = s[(sign + 1)..];
            if (o.Length != 4 || !int.TryParse(o.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var oh)
                || !int.TryParse(o.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var om))
            {
                return false;
            }
            offset = new TimeSpan(oh, om, 0) * (s[sign] == '-' ? -1 : 1);
            s = s[..sign];
        }
        if (s.Length < 4 || !int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return false;
        }
        var month = 1;
        var day = 1;
        if (s.Length >= 6 && !int.TryParse(s.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out month))
        {
            return false;
        }
        if (s.Length >= 8 && !int.TryParse(s.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out day))
        {
            return false;
        }
        var time = TimeOnly.MinValue;
        if (s.Length > 8 && !TryParseTime(s[8..], out time))
        {
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        dateTime = new DateOnly(year, month, day).ToDateTime(time);
        return true;
    }

    /// <summary>Formats DA as YYYYMMDD.</summary>
    public static string FormatDate(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>HHMMSS with the fraction only when there is one (up to 6 digits).</summary>
    public static string FormatTime(TimeOnly time)
    {
        var text = time.ToString("HHmmss", CultureInfo.InvariantCulture);
        var micro = time.Ticks % TimeSpan.TicksPerSecond / 10;
        return micro == 0 ? text : text + "." + micro.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    /// <summary>Formats DT without offset.</summary>
    public static string FormatDateTime(DateTime dateTime) =>
        FormatDate(DateOnly.FromDateTime(dateTime)) + FormatTime(TimeOnly.FromDateTime(dateTime));

    /// <summary>Formats DT with its UTC offset (&amp;ZZXX).</summary>
    public static string FormatDateTime(DateTimeOffset value)
    {
        var off = value.Offset;
        var sign = off < TimeSpan.Zero ? '-' : '+';
        off = off.Duration();
        return FormatDateTime(value.DateTime) + sign + off.Hours.ToString("D2", CultureInfo.InvariantCulture)
            + off.Minutes.ToString("D2", CultureInfo.InvariantCulture);
    }

    private static bool TryParseFraction(ReadOnlySpan<char> digits, out long ticks)
    {
        ticks = 0;
        if (digits.IsEmpty || digits.Length > 7)
        {
            return digits.IsEmpty;
        }
        long scale = TimeSpan.TicksPerSecond;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
            scale /= 10;
            ticks += (c - '0') * scale;
        }
        return true;
    }
}
