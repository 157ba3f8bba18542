using System.Buffers.Binary;
using System.Text;
using CloudFilm.Dicom.Dictionary;

namespace CloudFilm.Dicom.Network.Identifiers;

/// <summary>
/// Builds a query identifier (PS3.4 C.4.1.1.3) in implicit VR little endian, the one transfer syntax every SCP must
/// accept, so no VR is needed. Elements are written in tag order with values padded to even length.
/// </summary>
public sealed class IdentifierBuilder
{
    private readonly SortedDictionary<DicomTag, byte[]> _elements = [];

    /// <summary>Adds a text key; an empty value asks the SCP to return that attribute (universal matching).</summary>
    public IdentifierBuilder Add(DicomTag tag, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if ((bytes.Length & 1) == 1)
        {
            // UI values pad with NUL, all other text with a space (PS3.5 6.2).
            Array.Resize(ref bytes, bytes.Length + 1);
            bytes[^1] = IsUid(tag) ? (byte)0 : (byte)' ';
        }

        _elements[tag] = bytes;
        return this;
    }

    public IdentifierBuilder AddRaw(DicomTag tag, byte[] value)
    {
        _elements[tag] = value;
        return this;
    }

    public byte[] ToImplicitLittleEndian()
    {
        var length = 0;
        foreach (var value in _elements.Values)
        {
            length += 8 + value.Length;
        }

        var bytes = new byte[length];
        var position = 0;
        foreach (var (tag, value) in _elements)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(position), tag.Group);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(position + 2), tag.Element);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(position + 4), (uint)value.Length);
            value.CopyTo(bytes, position + 8);
            position += 8 + value.Length;
        }

        return bytes;
    }

    /// <summary>Tags of UI attributes commonly used as keys; anything else pads with a space.</summary>
    private static bool IsUid(DicomTag tag) =>
        tag == DicomTags.StudyInstanceUID || tag == DicomTags.SeriesInstanceUID || tag == DicomTags.SOPInstanceUID
        || tag == DicomTags.SOPClassUID || tag == DicomTags.ReferencedSOPClassUID || tag == DicomTags.ReferencedSOPInstanceUID;
}
