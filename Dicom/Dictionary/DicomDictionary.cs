using System.Collections.Concurrent;
using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.Dictionary;

/// <summary>
/// The data dictionary (PS3.6 §6, PS3.7 Annex E): VR, VM and keyword of every standard tag, plus the generic rules
/// for group lengths and private creators (PS3.5 §7.2, §7.8.1), and private tags registered by creator.
/// </summary>
public static class DicomDictionary
{
    private static readonly Lazy<Tables> Loaded = new(Tables.Parse);
    private static readonly ConcurrentDictionary<(string Creator, ushort Group, byte Element), DicomDictionaryEntry> Private = new();

    private static readonly DicomDictionaryEntry GroupLength =
        new(new DicomTag(0, 0), 0x0000FFFF, [DicomVR.UL], "1", "GroupLength", true);

    private static readonly DicomDictionaryEntry PrivateCreator =
        new(new DicomTag(0x0009, 0x0010), 0, [DicomVR.LO], "1", "PrivateCreator", false);

    /// <summary>The entry for a tag: exact tags first, then repeating groups, then generic group length and private creator rules.</summary>
    public static DicomDictionaryEntry? Find(DicomTag tag)
    {
        var tables = Loaded.Value;
        if (tables.Exact.TryGetValue(tag.Value, out var entry))
        {
            return entry;
        }
        foreach (var range in tables.Ranges)
        {
            if (range.Matches(tag))
            {
                return range;
            }
        }
        if (tag.Element == 0)
        {
            return GroupLength;
        }
        return tag.IsPrivateCreator ? PrivateCreator : null;
    }

    /// <summary>The entry with this keyword (retired ones included), or null.</summary>
    public static DicomDictionaryEntry? Find(string keyword) => Loaded.Value.ByKeyword.GetValueOrDefault(keyword);

    /// <summary>The tag with this keyword; throws <see cref="DicomException"/> for an unknown keyword.</summary>
    public static DicomTag TagOf(string keyword) =>
        Find(keyword)?.Tag ?? throw new DicomException($"unknown keyword '{keyword}'");

    /// <summary>
    /// Registers a private element, identified by creator, group and low byte of the element number as PS3.5 §7.8.1
    /// requires (block numbers differ between files).
    /// </summary>
    public static void RegisterPrivate(string creator, ushort group, byte element, DicomVR vr, string keyword, string vm = "1") =>
        Private[(creator, group, element)] = new DicomDictionaryEntry(new DicomTag(group, element), 0xFFFF00FF, [vr], vm, keyword, false);

    /// <summary>
    /// A private element by creator, group and low byte: registered ones first, then dcmtk's private dictionary
    /// (generated), or null.
    /// </summary>
    public static DicomDictionaryEntry? FindPrivate(string creator, ushort group, byte element) =>
        Private.GetValueOrDefault((creator, group, element)) ?? KnownPrivate.Value.GetValueOrDefault((creator, group, element));

    private static readonly Lazy<Dictionary<(string, ushort, byte), DicomDictionaryEntry>> KnownPrivate = new(ParsePrivate);

    private static Dictionary<(string, ushort, byte), DicomDictionaryEntry> ParsePrivate()
    {
        var table = new Dictionary<(string, ushort, byte), DicomDictionaryEntry>(3000);
        foreach (var rawLine in DicomPrivateDictionaryTable.Entries.AsSpan().EnumerateLines())
        {
            var line = rawLine.TrimStart();
            if (line.IsEmpty)
            {
                continue;
            }
            var fields = line.ToString().Split('\t');
            var group = Convert.ToUInt16(fields[0], 16);
            var element = Convert.ToByte(fields[2], 16);
            var vrs = Array.ConvertAll(fields[3].Split('/'), DicomVR.Parse);
            table[(fields[1], group, element)] = new DicomDictionaryEntry(new DicomTag(group, element), 0xFFFF00FF, vrs, fields[4], fields[5], false);
        }
        return table;
    }

    /// <summary>The dictionary VR to use when the encoding does not say (implicit VR), or null for an unknown tag.</summary>
    public static DicomVR? DefaultVR(DicomTag tag) => Find(tag)?.VR;

    private sealed class Tables
    {
        public Dictionary<uint, DicomDictionaryEntry> Exact { get; } = new(5000);
        public List<DicomDictionaryEntry> Ranges { get; } = [];
        public Dictionary<string, DicomDictionaryEntry> ByKeyword { get; } = new(5000, StringComparer.Ordinal);

        public static Tables Parse()
        {
            var tables = new Tables();
            foreach (var rawLine in DicomDictionaryTable.Entries.AsSpan().EnumerateLines())
            {
                var line = rawLine.Trim();
                if (line.IsEmpty)
                {
                    continue;
                }
                var entry = ParseLine(line.ToString());
                if (entry.Mask == 0xFFFFFFFF)
                {
                    tables.Exact[entry.Tag.Value] = entry;
                }
                else
                {
                    tables.Ranges.Add(entry);
                }
                tables.ByKeyword.TryAdd(entry.Keyword, entry);
            }
            return tables;
        }

        private static DicomDictionaryEntry ParseLine(string line)
        {
            var fields = line.Split('\t');
            var pattern = fields[0];
            uint value = 0, mask = 0;
            foreach (var c in pattern)
            {
                value <<= 4;
                mask <<= 4;
                if (c != 'x')
                {
                    value |= (uint)Convert.ToInt32(c.ToString(), 16);
                    mask |= 0xF;
                }
            }
            var vrs = fields[1].Length == 0
                ? Array.Empty<DicomVR>()
                : Array.ConvertAll(fields[1].Split('/'), DicomVR.Parse);
            var retired = fields.Length > 4 && fields[4] == "R";
            return new DicomDictionaryEntry(DicomTag.FromValue(value), mask, vrs, fields[2], fields[3], retired);
        }
    }
}
