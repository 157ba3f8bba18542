using System.Globalization;
using CloudFilm.Dicom.Data;

namespace CloudFilm.Api.DicomWeb.Retrieve;

/// <summary>
/// Names a value inside a data set for the <c>bulkdata</c> resource: the tag as 8 hex digits, and inside sequences
/// the item index (from 0) then the next tag, e.g. <c>00540016/0/00181072</c>.
/// </summary>
public static class BulkDataPath
{
    /// <summary>The path of <paramref name="item"/> (found by reference) in <paramref name="dataset"/>, or null.</summary>
    public static string? Of(DicomDataset dataset, DicomItem item)
    {
        foreach (var candidate in dataset)
        {
            var tag = candidate.Tag.Value.ToString("X8", CultureInfo.InvariantCulture);
            if (ReferenceEquals(candidate, item))
            {
                return tag;
            }
            if (candidate is DicomSequence sequence)
            {
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    if (Of(sequence.Items[i], item) is { } inner)
                    {
                        return $"{tag}/{i}/{inner}";
                    }
                }
            }
        }
        return null;
    }

    /// <summary>The item at <paramref name="path"/>, or null when the path is malformed or names nothing.</summary>
    public static DicomItem? Resolve(DicomDataset dataset, string path)
    {
        var segments = path.Trim('/').Split('/');
        var current = dataset;
        for (var s = 0; s < segments.Length; s += 2)
        {
            if (!uint.TryParse(segments[s], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var tag) || segments[s].Length != 8)
            {
                return null;
            }
            var item = current.FirstOrDefault(i => i.Tag.Value == tag);
            if (s == segments.Length - 1)
            {
                return item;
            }
            if (item is not DicomSequence sequence || !int.TryParse(segments[s + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || index >= sequence.Items.Count || s + 2 >= segments.Length)
            {
                return null;
            }
            current = sequence.Items[index];
        }
        return null;
    }
}
