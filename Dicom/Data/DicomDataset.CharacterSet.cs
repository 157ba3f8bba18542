using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Text;

namespace CloudFilm.Dicom.Data;

// Specific Character Set handling: inheritance, per-source overrides and re-encoding (PS3.3 C.12.1.1.2, PS3.5 §7.5.3).
public sealed partial class DicomDataset
{
    /// <summary>
    /// Decodes text with this set whatever (0008,0005) says, for sources known to mislabel their text (GBK labelled
    /// ISO_IR 100 or unlabelled; team notes §3). The bytes stay as they are; items inherit the override. Configure it
    /// per source, never globally; <see cref="ChangeCharacterSet"/> then writes the set actually used.
    /// </summary>
    public DicomCharacterSet? CharacterSetOverride { get; set; }

    /// <summary>The character set that applies to text in this data set (PS3.3 C.12.1.1.2, PS3.5 §7.5.3).</summary>
    public DicomCharacterSet CharacterSet
    {
        get
        {
            for (var d = this; d is not null; d = d.Parent)
            {
                if (d.CharacterSetOverride is { } forced)
                {
                    return forced;
                }
            }
            if (_characterSet is { } cached)
            {
                return cached;
            }
            if (Find(DicomTags.SpecificCharacterSet) is DicomElement e)
            {
                var raw = System.Text.Encoding.Latin1.GetString(DicomElement.TrimPadding(e.Buffer.Memory.Span));
                return _characterSet = DicomCharacterSet.FromValue(raw);
            }
            return Parent?.CharacterSet ?? DicomCharacterSet.Default;
        }
    }

    /// <summary>
    /// Re-encodes every SH, LO, ST, LT, UC, UT and PN value (items included) from the set in force into
    /// <paramref name="target"/> and declares it in (0008,0005) (PS3.3 C.12.1.1.2); items lose their own declarations
    /// and overrides. Throws <see cref="DicomException"/> naming a character the target cannot hold, changing nothing.
    /// </summary>
    public void ChangeCharacterSet(DicomCharacterSet target)
    {
        var changes = new List<(DicomDataset Dataset, DicomElement Element)>();
        CollectRecoded(target, changes);
        foreach (var (dataset, element) in changes)
        {
            dataset.AddOrUpdate(element);
        }
        StripDeclarations(this);
        if (target.Value.Length == 0)
        {
            Remove(DicomTags.SpecificCharacterSet);
        }
        else
        {
            Set(DicomTags.SpecificCharacterSet, DicomVR.CS, target.Value);
        }
    }

    private void CollectRecoded(DicomCharacterSet target, List<(DicomDataset, DicomElement)> changes)
    {
        var current = CharacterSet;
        foreach (var item in _items)
        {
            if (item is DicomElement { VR.UsesCharacterSet: true } e)
            {
                var bytes = DicomValueEncoder.PadToEven(target.Encode(e.GetText(current), e.VR), e.VR.Padding);
                changes.Add((this, new DicomElement(e.Tag, e.VR, bytes)));
            }
            else if (item is DicomSequence s)
            {
                foreach (var child in s.Items)
                {
                    child.CollectRecoded(target, changes);
                }
            }
        }
    }

    private static void StripDeclarations(DicomDataset dataset)
    {
        dataset.CharacterSetOverride = null;
        foreach (var item in dataset._items)
        {
            if (item is DicomSequence s)
            {
                foreach (var child in s.Items)
                {
                    child.Remove(DicomTags.SpecificCharacterSet);
                    StripDeclarations(child);
                }
            }
        }
    }
}
