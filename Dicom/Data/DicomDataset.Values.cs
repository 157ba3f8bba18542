using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Text;

namespace CloudFilm.Dicom.Data;

// Typed access to values: strict setters and tolerant getters (PS3.5 §6.2).
public sealed partial class DicomDataset
{
    /// <summary>Adds or replaces an element with no value (type 2 attributes, PS3.5 §7.4.2); VR from the dictionary unless given.</summary>
    public DicomDataset SetEmpty(DicomTag tag, DicomVR? vr = null)
    {
        vr ??= VRForNew(tag);
        return vr == DicomVR.SQ ? AddOrUpdate(new DicomSequence(tag)) : AddOrUpdate(new DicomElement(tag, vr, DicomBuffer.Empty));
    }

    /// <summary>Sets a value, VR from the dictionary; throws for unknown tags (use the overload with a VR).</summary>
    public DicomDataset Set<T>(DicomTag tag, params T[] values) => Set(tag, VRForNew(tag), values);

    /// <summary>
    /// Sets a value with an explicit VR, encoded strictly (PS3.5 §6.2) in the character set in force now: text is
    /// encoded when set, so add a sequence item to its sequence before setting text that needs the inherited set.
    /// </summary>
    public DicomDataset Set<T>(DicomTag tag, DicomVR vr, params T[] values)
    {
        if (tag == DicomTags.SpecificCharacterSet)
        {
            _characterSet = null;
        }
        var characterSet = tag == DicomTags.SpecificCharacterSet ? DicomCharacterSet.Default : CharacterSet;
        return AddOrUpdate(new DicomElement(tag, vr, DicomValueEncoder.Encode(vr, characterSet, values)));
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

    /// <summary>Value number <paramref name="index"/> as <typeparamref name="T"/>, or false when absent or not convertible.</summary>
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

    /// <summary>The first value as <typeparamref name="T"/>, or <paramref name="defaultValue"/>.</summary>
    public T GetValueOrDefault<T>(DicomTag tag, T defaultValue) => TryGetValue<T>(tag, 0, out var v) ? v : defaultValue;

    /// <summary>Every value as <typeparamref name="T"/>; throws when one is not convertible.</summary>
    public T[] GetValues<T>(DicomTag tag)
    {
        if (FindElement(tag) is not { } e)
        {
            return [];
        }
        if (e.VR.IsString)
        {
            // Decode and split once, not once per value.
            var texts = e.GetStrings(CharacterSet);
            var converted = new T[texts.Length];
            for (var i = 0; i < texts.Length; i++)
            {
                if (!DicomValueConverter.TryFromText(texts[i], out converted[i]))
                {
                    throw new DicomException($"{tag} value {i} is not readable as {typeof(T).Name}");
                }
            }
            return converted;
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
}
