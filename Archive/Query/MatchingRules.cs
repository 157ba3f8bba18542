using System.Globalization;
using System.Text;

namespace CloudFilm.Archive.Query;

/// <summary>
/// DICOM attribute matching (PS3.4 C.2.2.2) as SQL conditions: single value, wildcard (* and ?), range for dates,
/// list of UIDs. Values are always bound as parameters; patterns escape LIKE's own metacharacters.
/// </summary>
public static class MatchingRules
{
    /// <summary>True when the value uses wildcard matching (C.2.2.2.4).</summary>
    public static bool IsWildcard(string value) => value.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>A LIKE pattern (escape character '\') for a DICOM wildcard value.</summary>
    public static string ToLikePattern(string value)
    {
        var pattern = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            pattern.Append(c switch
            {
                '*' => "%",
                '?' => "_",
                '%' => "\\%",
                '_' => "\\_",
                '\\' => "\\\\",
                _ => c.ToString(),
            });
        }
        return pattern.ToString();
    }

    /// <summary>
    /// A date or date range (C.2.2.2.5): "20260101", "20260101-20261231", "-20261231", "20260101-". Null bounds are
    /// open. Returns false for a value that is not a date range (the key is then ignored as unsupported).
    /// </summary>
    public static bool TryParseDateRange(string value, out DateOnly? from, out DateOnly? to)
    {
        from = to = null;
        value = value.Trim();
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            if (!TryDate(value, out var single))
            {
                return false;
            }
            from = to = single;
            return true;
        }
        var left = value[..dash].Trim();
        var right = value[(dash + 1)..].Trim();
        if (left.Length == 0 && right.Length == 0)
        {
            return false;
        }
        if (left.Length > 0)
        {
            if (!TryDate(left, out var f))
            {
                return false;
            }
            from = f;
        }
        if (right.Length > 0)
        {
            if (!TryDate(right, out var t))
            {
                return false;
            }
            to = t;
        }
        return true;
    }

    /// <summary>
    /// A time or time range (C.2.2.2.5): "HHMMSS[.FFFFFF]", "from-to", "-to", "from-"; HH, HHMM or HHMMSS on each side.
    /// Bounds come back as six digits (an upper bound filled with 59s, so "-12" means up to 12:59:59). False when the
    /// value is not a time range.
    /// </summary>
    public static bool TryParseTimeRange(string value, out string? from, out string? to)
    {
        from = to = null;
        value = value.Trim();
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        var left = (dash < 0 ? value : value[..dash]).Trim();
        var right = dash < 0 ? left : value[(dash + 1)..].Trim();
        if (left.Length == 0 && right.Length == 0)
        {
            return false;
        }
        if (left.Length > 0)
        {
            if (!TryTime(left, "000000", out var f))
            {
                return false;
            }
            from = f;
        }
        if (right.Length > 0)
        {
            if (!TryTime(right, "595959", out var t))
            {
                return false;
            }
            to = t;
        }
        return true;
    }

    /// <summary>A UID list (C.2.2.2.2): values separated by backslashes.</summary>
    public static string[] UidList(string value) =>
        value.Split('\\', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryTime(string text, string fill, out string time)
    {
        time = "";
        var whole = text.Split('.')[0].Replace(":", "", StringComparison.Ordinal);
        if (whole.Length is not (2 or 4 or 6) || !whole.All(char.IsAsciiDigit))
        {
            return false;
        }
        time = whole + fill[whole.Length..];
        return int.Parse(time[..2], CultureInfo.InvariantCulture) < 24 && int.Parse(time[2..4], CultureInfo.InvariantCulture) < 60
            && int.Parse(time[4..], CultureInfo.InvariantCulture) < 61;
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Replace(".", "", StringComparison.Ordinal), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
