using System.Collections.ObjectModel;

namespace CloudFilm.Dicom.Data;

/// <summary>
/// A sequence of items (VR SQ, PS3.5 §7.5). Each item is a data set that inherits the Specific Character Set of the
/// data set holding the sequence unless it has its own (PS3.5 §7.5.3).
/// </summary>
public sealed class DicomSequence : DicomItem
{
    private DicomDataset? _owner;

    /// <summary>
    /// A sequence. Its VR is always SQ: an element received as UN of undefined length is a sequence (PS3.5 §6.2.2) and
    /// is read into one, keeping its tag.
    /// </summary>
    public DicomSequence(DicomTag tag, params IEnumerable<DicomDataset> items)
        : base(tag, DicomVR.SQ)
    {
        Items = new ItemCollection(this);
        foreach (var item in items)
        {
            Items.Add(item);
        }
    }

    /// <summary>The items, in order; adding one links it to the enclosing data set for character set inheritance.</summary>
    public IList<DicomDataset> Items { get; }

    /// <summary>
    /// Whether the sequence was read with undefined length (FFFFFFFFH) and a delimiter; the writer keeps it, so a file
    /// round-trips byte for byte. New sequences are written with undefined length.
    /// </summary>
    public bool HasUndefinedLength { get; set; } = true;

    internal DicomDataset? Owner
    {
        get => _owner;
        set
        {
            _owner = value;
            foreach (var item in Items)
            {
                item.Parent = value;
            }
        }
    }

    public override string ToString() => $"{Tag} {VR} ({Items.Count} items)";

    private sealed class ItemCollection(DicomSequence sequence) : Collection<DicomDataset>
    {
        protected override void InsertItem(int index, DicomDataset item)
        {
            item.Parent = sequence.Owner;
            base.InsertItem(index, item);
        }

        protected override void SetItem(int index, DicomDataset item)
        {
            item.Parent = sequence.Owner;
            base.SetItem(index, item);
        }
    }
}
