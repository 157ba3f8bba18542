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
        foreach (var value in Enumerate(body))
        {
            values.Add(value);
        }

        return new DataTransferPdu(values);
    }

    /// <summary>
    /// The presentation data values of a P-DATA-TF body without allocating: the receive loop's path. Validates each
    /// item as it goes (PS3.8 9.3.5.1) and refuses a body with no values.
    /// </summary>
    public static ValueEnumerator Enumerate(ReadOnlyMemory<byte> body) => new(body);

    /// <summary>Walks PDV items in place; see <see cref="Enumerate"/>.</summary>
    public struct ValueEnumerator
    {
        private readonly ReadOnlyMemory<byte> _body;
        private int _position;
        private bool _any;

        internal ValueEnumerator(ReadOnlyMemory<byte> body)
        {
            _body = body;
            _position = 0;
            _any = false;
            Current = default;
        }

        public PresentationDataValue Current { get; private set; }

        public readonly ValueEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            var span = _body.Span;
            if (_position >= span.Length)
            {
                if (!_any)
                {
                    throw new DicomNetworkException("P-DATA-TF without presentation data values", AbortReason.InvalidPduParameterValue);
                }

                return false;
            }

            if (span.Length - _position < PresentationDataValue.Overhead)
            {
                throw new DicomNetworkException(
                    $"P-DATA-TF truncated PDV item at offset {_position + HeaderLength}", AbortReason.InvalidPduParameterValue);
            }

            var itemLength = BinaryPrimitives.ReadUInt32BigEndian(span[_position..]);
            if (itemLength < 2 || itemLength > (uint)(span.Length - _position - 4))
            {
                throw new DicomNetworkException(
                    $"P-DATA-TF PDV item length {itemLength} invalid at offset {_position + HeaderLength}", AbortReason.InvalidPduParameterValue);
            }

            var contextId = span[_position + 4];
            var header = span[_position + 5];
            Current = new PresentationDataValue(contextId, (header & 1) != 0, (header & 2) != 0, _body.Slice(_position + PresentationDataValue.Overhead, (int)itemLength - 2));
            _position += 4 + (int)itemLength;
            _any = true;
            return true;
        }
    }
}
