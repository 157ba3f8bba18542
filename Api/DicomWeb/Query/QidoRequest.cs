using System.Globalization;
using CloudFilm.Api.Problems;
using CloudFilm.Archive.Query;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Dictionary;

namespace CloudFilm.Api.DicomWeb.Query;

/// <summary>
/// A QIDO-RS query string (PS3.18 8.3.4) read and checked: match keys by keyword or tag, <c>includefield</c>,
/// <c>fuzzymatching</c>, <c>limit</c>, <c>offset</c>. Every mistake is answered at once as 400 <c>invalid-request</c>
/// naming the parameter; a key the index cannot match on is ignored (answered as a universal match), as C-FIND does.
/// </summary>
public sealed class QidoRequest
{
    /// <summary>The most results one answer holds; a larger (or no) <c>limit</c> gets this many and a Warning.</summary>
    public const int MaxResults = IndexQueries.DefaultLimit;

    public required QueryKeys Keys { get; init; }

    /// <summary>Attributes to return besides the level's defaults (keys that were matched are returned too).</summary>
    public required IReadOnlyList<DicomTag> IncludeFields { get; init; }

    public bool IncludeAll { get; init; }

    public bool Fuzzy { get; init; }

    public int Limit { get; init; } = MaxResults;

    public int Offset { get; init; }

    /// <summary>The <c>accept</c> query parameter (PS3.18 8.3.3.1), which overrides the Accept header.</summary>
    public string? Accept { get; init; }

    private static readonly HashSet<string> Uids = ["StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "SOPClassUID"];
    private static readonly HashSet<string> Dates = ["StudyDate", "PatientBirthDate"];
    private static readonly HashSet<string> Times = ["StudyTime"];
    private static readonly HashSet<string> Integers =
        ["SeriesNumber", "InstanceNumber", "NumberOfFrames", "Rows", "Columns", "NumberOfSeriesRelatedInstances"];

    public static QidoRequest Read(IQueryCollection query, QidoLevel level)
    {
        var errors = new RequestErrors();
        var keys = new QueryKeys();
        var include = new List<DicomTag>();
        var includeAll = false;
        var fuzzy = false;
        var limit = MaxResults;
        var offset = 0;
        string? accept = null;
        foreach (var (name, values) in query)
        {
            switch (name)
            {
                case "includefield":
                    foreach (var field in values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
                    {
                        if (field == "all")
                        {
                            includeAll = true;
                        }
                        else if (AttributeOf(field) is { } tag)
                        {
                            include.Add(tag);
                        }
                        else
                        {
                            errors.Add("includefield", $"'{field}' is not a DICOM keyword or tag.");
                        }
                    }
                    continue;
                case "fuzzymatching":
                    errors.Require(name, values.Count == 1 && values[0] is "true" or "false", "Must be true or false.");
                    fuzzy = values.ToString() == "true";
                    continue;
                case "limit":
                    errors.Require(name, values.Count == 1 && int.TryParse(values, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1,
                        "Must be a whole number of at least 1.");
                    limit = Math.Min(limit, MaxResults);
                    continue;
                case "offset":
                    errors.Require(name, values.Count == 1 && int.TryParse(values, NumberStyles.None, CultureInfo.InvariantCulture, out offset),
                        "Must be a whole number, 0 or more.");
                    continue;
                case "accept":
                    accept = values.ToString();
                    continue;
            }
            if (values.Count != 1)
            {
                errors.Add(name, "Given more than once.");
                continue;
            }
            // A sequence key (RequestAttributesSequence.AccessionNumber) is checked but not matched: the index keeps no sequences.
            var path = name.Split('.');
            var tags = path.Select(AttributeOf).ToArray();
            if (tags.Any(t => t is null))
            {
                errors.Add(name, "Not a DICOM keyword or tag (e.g. PatientName or 00100010), nor a QIDO-RS parameter.");
                continue;
            }
            if (path.Length > 1 || DicomDictionary.Find(tags[0]!.Value) is not { } entry)
            {
                continue;
            }
            var value = values.ToString();
            if (CheckValue(entry.Keyword, value) is { } problem)
            {
                errors.Add(name, problem);
                continue;
            }
            // UID lists may be separated by commas (PS3.18 8.3.4.1) or backslashes (PS3.4 C.2.2.2.2).
            keys[entry.Keyword] = Uids.Contains(entry.Keyword) ? value.Replace(',', '\\') : value;
            if (QidoAttributes.Holds(level, entry.Tag))
            {
                include.Add(entry.Tag);
            }
        }
        errors.ThrowIfAny();
        return new QidoRequest { Keys = keys, IncludeFields = include, IncludeAll = includeAll, Fuzzy = fuzzy, Limit = limit, Offset = offset, Accept = accept };
    }

    /// <summary>A keyword (PatientName) or eight hex digits (00100010); null when it is neither.</summary>
    private static DicomTag? AttributeOf(string text)
    {
        if (text.Length == 8 && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return DicomTag.FromValue(value);
        }
        return DicomDictionary.Find(text)?.Tag;
    }

    private static string? CheckValue(string keyword, string value)
    {
        if (value.Length == 0 || value == "*")
        {
            return null;
        }
        if (Uids.Contains(keyword))
        {
            return value.Split(',', '\\').All(IsUid) ? null : "Must be a UID, or a list of UIDs separated by commas or backslashes.";
        }
        if (Dates.Contains(keyword))
        {
            return MatchingRules.TryParseDateRange(value, out _, out _) ? null : "Must be a date YYYYMMDD or a range (YYYYMMDD-YYYYMMDD, -YYYYMMDD, YYYYMMDD-).";
        }
        if (Times.Contains(keyword))
        {
            return MatchingRules.TryParseTimeRange(value, out _, out _) ? null : "Must be a time HHMMSS (or HH, HHMM) or a range of them.";
        }
        if (Integers.Contains(keyword))
        {
            return value.All(c => char.IsAsciiDigit(c) || c is '*' or '?') ? null : "Must be a whole number.";
        }
        return null;
    }

    private static bool IsUid(string uid) =>
        uid.Length is > 0 and <= 64 && uid.All(c => char.IsAsciiDigit(c) || c == '.') && !uid.StartsWith('.') && !uid.EndsWith('.');
}
