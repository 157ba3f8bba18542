namespace CloudFilm.Dicom;

/// <summary>A data element tag: group and element number (PS3.5 §7.1).</summary>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    /// <summary>Group and element as one 32-bit number, group in the high half (the order tags are sorted in a data set).</summary>
    public uint Value => ((uint)Group << 16) | Element;

    /// <summary>Private tags have an odd group other than 0001, 0003, 0005, 0007 and FFFF (PS3.5 §7.8.1).</summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 0x0007 && Group != 0xFFFF;

    /// <summary>A private creator element (gggg,0010–00FF) reserves a block of its private group.</summary>
    public bool IsPrivateCreator => IsPrivate && Element >= 0x0010 && Element <= 0x00FF;

    public static DicomTag FromValue(uint value) => new((ushort)(value >> 16), (ushort)value);

    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    public static bool operator <(DicomTag a, DicomTag b) => a.Value < b.Value;
    public static bool operator >(DicomTag a, DicomTag b) => a.Value > b.Value;
    public static bool operator <=(DicomTag a, DicomTag b) => a.Value <= b.Value;
    public static bool operator >=(DicomTag a, DicomTag b) => a.Value >= b.Value;

    /// <summary>The conventional form, e.g. <c>(0010,0010)</c>.</summary>
    public override string ToString() => $"({Group:X4},{Element:X4})";
}
