namespace CloudFilm.Dicom.Data;

// Private elements identified by creator, group and low byte (PS3.5 §7.8.1).
public sealed partial class DicomDataset
{
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
}
