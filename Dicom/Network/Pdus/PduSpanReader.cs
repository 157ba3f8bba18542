using System.Buffers.Binary;
using System.Text;

namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>
/// Reads big-endian PDU fields from a PDU body, throwing a <see cref="DicomNetworkException"/> that names the
/// offset when the body is shorter than its items claim (PS3.8 9.3).
/// </summary>
internal ref struct PduSpanReader
{
    private readonly ReadOnlySpan<byte> _span;
    private readonly int _baseOffset;

    public PduSpanReader(ReadOnlySpan<byte> span, int baseOffset = 0)
    {
        _span = span;
        _baseOffset = baseOffset;
        Position = 0;
    }

    public int Position { get; private set; }

    public int Remaining => _span.Length - Position;

    public bool End => Position >= _span.Length;

    public int AbsoluteOffset => _baseOffset + Position;

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public void Skip(int count) => Take(count);

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new DicomNetworkException(
                $"PDU truncated: {count} bytes needed at offset {AbsoluteOffset}, {Remaining} left",
                AbortReason.InvalidPduParameterValue);
        }

        var slice = _span.Slice(Position, count);
        Position += count;
        return slice;
    }

    /// <summary>ASCII text with padding (spaces and NULs) trimmed from both ends, as UIDs and AE titles are compared.</summary>
    public string ReadAscii(int count) => DecodeAscii(Take(count));

    public static string DecodeAscii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes).Trim(' ', '\0');
}
