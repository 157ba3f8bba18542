using System.Collections;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Text;

namespace CloudFilm.Dicom.Data;

/// <summary>
/// A data set (PS3.5 §7): elements in ascending tag order, sequence items included. Typed getters decode text with
/// the Specific Character Set in force here: this data set's (0008,0005), else the enclosing data set's (§7.5.3).
/// </summary>
public sealed class DicomDataset : IEnumerable<DicomItem>
{
    private static readonly DicomTag SpecificCharacterSetTag = new(0x0008, 0x0005);
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

    /// <summary>The character set that applies to text in this data set (PS3.3 C.12.1.1.2, PS3.5 §7.5.3).</summary>
    public DicomCharacterSet CharacterSet
    {
        get
        {
            if (_characterSet is { } cached)
            {
                return cached;
            }
            if (Find(SpecificCharacterSetTag) is DicomElement e)
            {
                var raw = System.Text.Encoding.Latin1.GetString(DicomElement.TrimPadding(e.Buffer.Memory.Span));
                return _characterSet = DicomCharacterSet.FromValue(raw);
            }
            return Parent?.CharacterSet ?? DicomCharacterSet.Default;
        }
    }

    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    /// <summary>The item with this tag, or null.</summary>
    public DicomItem? Find(DicomTag tag)
    {
        var i = IndexOf(tag);
        return i >= 0 ? _items[i] : null;
    }

    public DicomElement? FindElement(DicomTag tag) => Find(tag) as DicomElement;

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

    /// <summary>Sets a value, VR from the dictionary; throws for unknown tags (use the overload with a VR).</summary>
    public DicomDataset Set<T>(DicomTag tag, params T[] values) => Set(tag, VRForNew(tag), values);

    /// <summary>Sets a value with an explicit VR, encoded strictly (PS3.5 §6.2) in this data set's character set.</summary>
    public DicomDataset Set<T>(DicomTag tag, DicomVR vr, params T[] values)
    {
        if (tag == SpecificCharacterSetTag)
        {
            _characterSet = null;
        }
        var characterSet = tag == SpecificCharacterSetTag ? DicomCharacterSet.Default : CharacterSet;
        return AddOrUpdate(new DicomElement(tag, vr, DicomValueEncoder.Encode(vr, characterSet, values)));
    }

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

    /// <summary>The whole text of a string element (padding removed), or null when absent.</summary>
    public string? GetString(DicomTag tag) => FindElement(tag)?.GetText(CharacterSet);

    /// <summary>The values of a string element split on backslash, or an empty array when absent.</summary>
    public string[] GetStrings(DicomTag tag) => FindElement(tag)?.GetStrings(CharacterSet) ?? [];

    /// <summary>Value number <paramref name="index"/> as <typeparamref name="T"/>; throws <see cref="DicomException"/> when absent or not convertible.</summary>
    public T GetValue<T>(DicomTag tag, int index = 0) =>
        TryGetValue<T>(tag, index, out var value)
            ? value
            : throw new DicomException($"{tag} has no value {index} readable as {typeof(T).Name}");

    public bool TryGetValue<T>(DicomTag tag, int index, out T value)
    {
        if (FindElement(tag) is { } e)
        {
            return DicomValueConverter.TryGet(e, index, CharacterSet, out value);
        }
        value = default!;
        return false;
    }

    public bool TryGetValue<T>(DicomTag tag, out T value) => TryGetValue(tag, 0, out value);

    public T GetValueOrDefault<T>(DicomTag tag, T defaultValue) => TryGetValue<T>(tag, 0, out var v) ? v : defaultValue;

    /// <summary>Every value as <typeparamref name="T"/>; throws when one is not convertible.</summary>
    public T[] GetValues<T>(DicomTag tag)
    {
        if (FindElement(tag) is not { } e)
        {
            return [];
        }
        var count = e.GetCount(CharacterSet);
        var values = new T[count];
        for (var i = 0; i < count; i++)
        {
            if (!DicomValueConverter.TryGet(e, i, CharacterSet, out values[i]))
            {
                throw new DicomException($"{tag} value {i} is not readable as {typeof(T).Name}");
            }
        }
        return values;
    }

    /// <summary>Number of values of an element (PS3.5 §6.4), 0 when absent; items for a sequence.</summary>
    public int GetValueCount(DicomTag tag) => Find(tag) switch
    {
        DicomElement e => e.GetCount(CharacterSet),
        DicomSequence s => s.Items.Count,
        DicomFragmentSequence f => f.Fragments.Count,
        _ => 0,
    };

    /// <summary>
    /// The tag of a private element identified by group, creator and low byte (PS3.5 §7.8.1), or null when no
    /// block of that group is reserved by the creator.
    /// </summary>
    public DicomTag? FindPrivateTag(ushort group, string creator, byte element)
    {
        for (ushort block = 0x10; block <= 0xFF; block++)
        {
            if (FindElement(new DicomTag(group, block)) is { } e && e.GetText(CharacterSet).Trim() == creator)
            {
                return new DicomTag(group, (ushort)((block << 8) | element));
            }
        }
        return null;
    }

    /// <summary>Like <see cref="FindPrivateTag"/>, reserving the first free block for the creator when there is none.</summary>
    public DicomTag GetOrReservePrivateTag(ushort group, string creator, byte element)
    {
        if ((group & 1) == 0 || group <= 0x0007 || group == 0xFFFF)
        {
            throw new DicomException($"group {group:X4} is not a private group");
        }
        if (FindPrivateTag(group, creator, element) is { } found)
        {
            return found;
        }
        for (ushort block = 0x10; block <= 0xFF; block++)
        {
            var creatorTag = new DicomTag(group, block);
            if (!Contains(creatorTag))
            {
                Set(creatorTag, DicomVR.LO, creator);
                return new DicomTag(group, (ushort)((block << 8) | element));
            }
        }
        throw new DicomException($"no free private block in group {group:X4}");
    }

    /// <summary>The private creator that reserved the block of a private tag, or null.</summary>
    public string? GetPrivateCreator(DicomTag tag)
    {
        if (!tag.IsPrivate || tag.Element < 0x1000)
        {
            return null;
        }
        return FindElement(new DicomTag(tag.Group, (ushort)(tag.Element >> 8)))?.GetText(CharacterSet).Trim();
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
        DicomSequence s => new DicomSequence(s.Tag, s.VR, s.Items.Select(i => i.Clone())) { HasUndefinedLength = s.HasUndefinedLength },
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
        if (item.Tag == SpecificCharacterSetTag)
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
        if (item.Tag == SpecificCharacterSetTag)
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
