using System.Globalization;
using System.Text;

namespace CloudFilm.Dicom.Data;

/// <summary>
/// Where an attribute sits in a data set: the tags of the enclosing sequences with the (0-based) item index taken in
/// each, then the attribute's own tag. Written as text it is <c>00081140/0/00091001</c>: the form the toolkit uses in
/// BulkDataURIs (PS3.18 F.2.6, PS3.19 A.1.5) so a bulkdata request can find the value again with <see cref="Find"/>.
/// </summary>
public sealed class DicomAttributePath : IEquatable<DicomAttributePath>
{
    private readonly (DicomTag Sequence, int Item)[] _enclosing;

    /// <summary>A path to <paramref name="tag"/> through the given sequences and items (outermost first).</summary>
    public DicomAttributePath(IEnumerable<(DicomTag Sequence, int Item)> enclosing, DicomTag tag)
    {
        _enclosing = [.. enclosing];
        Tag = tag;
        foreach (var (_, item) in _enclosing)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(item);
        }
    }

    /// <summary>A top-level attribute.</summary>
    public DicomAttributePath(DicomTag tag)
        : this([], tag)
    {
    }

    /// <summary>The sequences and item indexes leading to the attribute, outermost first; empty at top level.</summary>
    public IReadOnlyList<(DicomTag Sequence, int Item)> Enclosing => _enclosing;

    /// <summary>The attribute's own tag.</summary>
    public DicomTag Tag { get; }

    /// <summary>The item this path names in <paramref name="dataset"/>, or null when the data set has no such attribute.</summary>
    public DicomItem? Find(DicomDataset dataset)
    {
        var current = dataset;
        foreach (var (sequence, item) in _enclosing)
        {
            if (current.FindSequence(sequence) is not { } s || item >= s.Items.Count)
            {
                return null;
            }
            current = s.Items[item];
        }
        return current.Find(Tag);
    }

    /// <summary>Reads the text form (<c>SSSSSSSS/i/…/TTTTTTTT</c>, tags as 8 hex digits); false when it is not one.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DicomAttributePath? path)
    {
        path = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var parts = text.Split('/');
        if (parts.Length % 2 == 0)
        {
            return false;
        }
        var enclosing = new (DicomTag, int)[parts.Length / 2];
        for (var i = 0; i < enclosing.Length; i++)
        {
            if (!TryParseTag(parts[2 * i], out var sequence)
                || !int.TryParse(parts[(2 * i) + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var item))
            {
                return false;
            }
            enclosing[i] = (sequence, item);
        }
        if (!TryParseTag(parts[^1], out var tag))
        {
            return false;
        }
        path = new DicomAttributePath(enclosing, tag);
        return true;
    }

    public override string ToString()
    {
        var text = new StringBuilder((_enclosing.Length * 11) + 8);
        foreach (var (sequence, item) in _enclosing)
        {
            text.Append(CultureInfo.InvariantCulture, $"{sequence.Value:X8}/{item}/");
        }
        return text.Append(CultureInfo.InvariantCulture, $"{Tag.Value:X8}").ToString();
    }

    public bool Equals(DicomAttributePath? other) =>
        other is not null && Tag == other.Tag && _enclosing.AsSpan().SequenceEqual(other._enclosing);

    public override bool Equals(object? obj) => Equals(obj as DicomAttributePath);

    public override int GetHashCode() => HashCode.Combine(Tag, _enclosing.Length);

    private static bool TryParseTag(string text, out DicomTag tag)
    {
        tag = default;
        if (text.Length != 8 || !uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }
        tag = DicomTag.FromValue(value);
        return true;
    }
}
