using System.Buffers.Binary;
using System.Text;

namespace CloudFilm.Dicom.Tests.IO;

/// <summary>Builds hand-made encodings byte by byte, so tests state exactly what is on the wire.</summary>
internal sealed class RawEncoding
{
    private readonly List<byte> _bytes = [];
    private readonly bool _bigEndian;

    public RawEncoding(bool bigEndian = false) => _bigEndian = bigEndian;

    public int Length => _bytes.Count;

    public RawEncoding U16(int value)
    {
        Span<byte> s = stackalloc byte[2];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(s, (ushort)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)value);
        }
        _bytes.AddRange(s.ToArray());
        return this;
    }

    public RawEncoding U32(uint value)
    {
        Span<byte> s = stackalloc byte[4];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(s, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(s, value);
        }
        _bytes.AddRange(s.ToArray());
        return this;
    }

    public RawEncoding Tag(int group, int element) => U16(group).U16(element);

    public RawEncoding Ascii(string text)
    {
        _bytes.AddRange(Encoding.ASCII.GetBytes(text));
        return this;
    }

    public RawEncoding Bytes(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>Explicit VR element with a 2-byte length.</summary>
    public RawEncoding Short(int group, int element, string vr, string value) =>
        Tag(group, element).Ascii(vr).U16(value.Length).Ascii(value);

    /// <summary>Implicit VR element.</summary>
    public RawEncoding Implicit(int group, int element, string value) => Tag(group, element).U32((uint)value.Length).Ascii(value);

    public byte[] ToArray() => [.. _bytes];
}
