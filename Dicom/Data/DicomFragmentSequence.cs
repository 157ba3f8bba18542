namespace CloudFilm.Dicom.Data;

/// <summary>
/// Encapsulated pixel data (PS3.5 §A.4): the Basic Offset Table (first item, possibly empty) and the fragments,
/// kept exactly as read.
/// </summary>
public sealed class DicomFragmentSequence : DicomItem
{
    public DicomFragmentSequence(DicomTag tag, DicomVR vr, DicomBuffer offsetTable, IEnumerable<DicomBuffer> fragments)
        : base(tag, vr)
    {
        OffsetTable = offsetTable;
        Fragments = [.. fragments];
    }

    public DicomFragmentSequence(DicomTag tag)
        : this(tag, DicomVR.OB, DicomBuffer.Empty, [])
    {
    }

    /// <summary>The Basic Offset Table item's bytes: 32-bit little-endian offsets of each frame's first fragment.</summary>
    public DicomBuffer OffsetTable { get; set; }

    /// <summary>The fragments after the offset table, each an item value (PS3.5 §A.4).</summary>
    public List<DicomBuffer> Fragments { get; }

    /// <summary>The Basic Offset Table decoded; empty when the table is empty.</summary>
    public uint[] GetOffsets()
    {
        var span = OffsetTable.Memory.Span;
        var offsets = new uint[span.Length / 4];
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(span[(i * 4)..]);
        }
        return offsets;
    }

    public override string ToString() => $"{Tag} {VR} (encapsulated, {Fragments.Count} fragments)";
}
