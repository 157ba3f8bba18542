using System.Buffers.Binary;

namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>
/// P-DATA-TF PDU (PS3.8 9.3.5): one or more presentation data values. Parsed values point into the received
/// buffer rather than copying it, so a data set fragment goes from the socket to its sink with no extra copy.
/// </summary>
public sealed record DataTransferPdu(IReadOnlyList<PresentationDataValue> Values) : Pdu
{
    public override PduType Type => PduType.DataTransfer;

    private protected override void WriteBody(PduBuffer buffer)
    {
        foreach (var value in Values)
        {
            WriteValueHeader(buffer, value.PresentationContextId, value.ControlHeader, value.Data.Length);
            buffer.WriteBytes(value.Data.Span);
        }
    }

    /// <summary>Writes the 6-byte PDV item header; the caller appends <paramref name="dataLength"/> bytes after it.</summary>
    public static void WriteValueHeader(PduBuffer buffer, byte contextId, byte controlHeader, int dataLength)
    {
        buffer.WriteUInt32((uint)(dataLength + 2));
        buffer.WriteByte(contextId);
        buffer.WriteByte(controlHeader);
    }

    public static DataTransferPdu Parse(ReadOnlyMemory<byte> body)
    {
        var values = new List<PresentationDataValue>(1);
        var span = body.Span;
        var position = 0;
        while (position < span.Length)
        {
            if (span.Length - position < PresentationDataValue.Overhead)
            {
                throw new DicomNetworkException(
                    $"P-DATA-TF truncated PDV item at offset {position + HeaderLength}", AbortReason.InvalidPduParameterValue);
            }

            var itemLength = BinaryPrimitives.ReadUInt32BigEndian(span[position..]);
            if (itemLength < 2 || itemLength > (uint)(span.Length - position - 4))
            {
                throw new DicomNetworkException(
                    $"P-DATA-TF PDV item length {itemLength} invalid at offset {position + HeaderLength}", AbortReason.InvalidPduParameterValue);
            }

            var contextId = span[position + 4];
            var header = span[position + 5];
            var data = body.Slice(position + PresentationDataValue.Overhead, (int)itemLength - 2);
            values.Add(new PresentationDataValue(contextId, (header & 1) != 0, (header & 2) != 0, data));
            position += 4 + (int)itemLength;
        }

        if (values.Count == 0)
        {
            throw new DicomNetworkException("P-DATA-TF without presentation data values", AbortReason.InvalidPduParameterValue);
        }

        return new DataTransferPdu(values);
    }
}
