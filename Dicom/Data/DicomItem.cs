namespace CloudFilm.Dicom.Data;

/// <summary>One entry of a data set (PS3.5 §7.1): a plain element, a sequence, or encapsulated pixel data.</summary>
public abstract class DicomItem
{
    protected DicomItem(DicomTag tag, DicomVR vr)
    {
        Tag = tag;
        VR = vr;
    }

    /// <summary>The element tag (PS3.5 §7.1.1).</summary>
    public DicomTag Tag { get; }

    /// <summary>The value representation: as read in explicit VR, from the dictionary in implicit VR.</summary>
    public DicomVR VR { get; }

    public override string ToString() => $"{Tag} {VR}";
}
