using System.Collections;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Text;

namespace CloudFilm.Dicom.Data;

/// <summary>
/// A data set (PS3.5 §7): elements in ascending tag order, sequence items included. Typed getters decode text with
/// the Specific Character Set in force here: this data set's (0008,0005), else the enclosing data set's (§7.5.3).
/// </summary>
public sealed partial class DicomDataset : IEnumerable<DicomItem>
{
    private readonly List<DicomItem> _items = [];
    private DicomCharacterSet? _characterSet;

    public DicomDataset()
    {
    }

    public DicomDataset(IEnumerable<DicomItem> items)
    {
        foreach (var item in items)
        {
            AddOrUpdate(item);
        }
    }

    /// <summary>The data set holding the sequence this item belongs to, for character set inheritance.</summary>
    public DicomDataset? Parent { get; internal set; }

    /// <summary>
    /// Whether this data set, as a sequence item, was read with undefined length; kept so a file round-trips byte
    /// for byte. New items are written with undefined length.
    /// </summary>
    public bool HasUndefinedLength { get; set; } = true;

    public int Count => _items.Count;

    /// <summary>Whether an item with this tag is present (top level only).</summary>
    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    /// <summary>The item with this tag, or null.</summary>
    public DicomItem? Find(DicomTag tag)
    {
        var i = IndexOf(tag);
        return i >= 0 ? _items[i] : null;
    }

    /// <summary>The plain element with this tag, or null when absent or not a plain element.</summary>
    public DicomElement? FindElement(DicomTag tag) => Find(tag) as DicomElement;

    /// <summary>The sequence with this tag, or null.</summary>
    public DicomSequence? FindSequence(DicomTag tag) => Find(tag) as DicomSequence;

    /// <summary>Adds an item; throws <see cref="DicomException"/> when the tag is already present.</summary>
    public DicomDataset Add(DicomItem item)
    {
        var i = IndexOf(item.Tag);
        if (i >= 0)
        {
            throw new DicomException($"{item.Tag} is already in the data set");
        }
        Insert(~i, item);
        return this;
    }

    /// <summary>Adds an item, replacing any item with the same tag.</summary>
    public DicomDataset AddOrUpdate(DicomItem item)
    {
        var i = IndexOf(item.Tag);
        if (i >= 0)
        {
            Detach(_items[i]);
            _items[i] = item;
            Attach(item);
        }
        else
        {
            Insert(~i, item);
        }
        return this;
    }

    /// <summary>Removes the item with this tag; false when there was none.</summary>
    public bool Remove(DicomTag tag)
    {
        var i = IndexOf(tag);
        if (i < 0)
        {
            return false;
        }
        Detach(_items[i]);
        _items.RemoveAt(i);
        return true;
    }

    /// <summary>Removes every item for which the predicate holds.</summary>
    public int RemoveAll(Predicate<DicomItem> match)
    {
        foreach (var item in _items)
        {
            if (match(item))
            {
                Detach(item);
            }
        }
        return _items.RemoveAll(match);
    }

    public void Clear()
    {
        _items.Clear();
        _characterSet = null;
    }

    /// <summary>A deep copy of the structure; value buffers are shared (they are never modified in place).</summary>
    public DicomDataset Clone()
    {
        var copy = new DicomDataset { HasUndefinedLength = HasUndefinedLength };
        foreach (var item in _items)
        {
            copy._items.Add(CloneItem(item));
        }
        foreach (var item in copy._items)
        {
            copy.Attach(item);
        }
        return copy;
    }

    public IEnumerator<DicomItem> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static DicomVR VRForNew(DicomTag tag)
    {
        if (tag.IsPrivateCreator)
        {
            return DicomVR.LO;
        }
        return DicomDictionary.Find(tag)?.VR ?? throw new DicomException($"{tag} is not in the dictionary: give its VR");
    }

    private static DicomItem CloneItem(DicomItem item) => item switch
    {
        DicomSequence s => new DicomSequence(s.Tag, s.Items.Select(i => i.Clone())) { HasUndefinedLength = s.HasUndefinedLength },
        DicomFragmentSequence f => new DicomFragmentSequence(f.Tag, f.VR, f.OffsetTable, f.Fragments),
        _ => item,
    };

    private void Insert(int index, DicomItem item)
    {
        _items.Insert(index, item);
        Attach(item);
    }

    private void Attach(DicomItem item)
    {
        if (item is DicomSequence s)
        {
            s.Owner = this;
        }
        if (item.Tag == DicomTags.SpecificCharacterSet)
        {
            _characterSet = null;
        }
    }

    private void Detach(DicomItem item)
    {
        if (item is DicomSequence s && s.Owner == this)
        {
            s.Owner = null;
        }
        if (item.Tag == DicomTags.SpecificCharacterSet)
        {
            _characterSet = null;
        }
    }

    private int IndexOf(DicomTag tag)
    {
        var count = _items.Count;
        // Readers and builders mostly append in order: check the end first.
        if (count == 0 || _items[count - 1].Tag < tag)
        {
            return ~count;
        }
        int lo = 0, hi = count - 1;
        var key = tag.Value;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var v = _items[mid].Tag.Value;
            if (v == key)
            {
                return mid;
            }
            if (v < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return ~lo;
    }
}
