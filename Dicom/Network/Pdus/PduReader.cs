using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>
/// Reads whole PDUs (PS3.8 9.3.1) from a pipe. The length field is checked against a limit before any body is
/// buffered, so a peer declaring a 4 GB PDU costs six bytes, not 4 GB.
/// </summary>
public sealed class PduReader
{
    private readonly PipeReader _reader;

    public PduReader(PipeReader reader, uint maxPduLength)
    {
        _reader = reader;
        MaxPduLength = maxPduLength;
    }

    /// <summary>Largest PDU body accepted. May be raised once the association has negotiated its own maximum.</summary>
    public uint MaxPduLength { get; set; }

    /// <summary>Total bytes consumed so far, for error messages.</summary>
    public long Position { get; private set; }

    /// <summary>
    /// The next PDU, or null when the peer closed the connection cleanly between PDUs. A connection closed in the
    /// middle of a PDU, an unknown PDU type or an oversize length raise <see cref="DicomNetworkException"/>.
    /// </summary>
    public async ValueTask<ReceivedPdu?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryTake(ref buffer, out var pdu))
            {
                _reader.AdvanceTo(buffer.Start);
                return pdu;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                var leftover = buffer.Length;
                _reader.AdvanceTo(buffer.End);
                if (leftover == 0)
                {
                    return null;
                }

                throw new DicomNetworkException(
                    $"connection closed in the middle of a PDU ({leftover} bytes of it received) at offset {Position}");
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private bool TryTake(ref ReadOnlySequence<byte> buffer, out ReceivedPdu? pdu)
    {
        pdu = null;
        if (buffer.Length < Pdu.HeaderLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[Pdu.HeaderLength];
        buffer.Slice(0, Pdu.HeaderLength).CopyTo(header);
        var type = header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[2..]);
        if (type is < (byte)PduType.AssociateRequest or > (byte)PduType.Abort)
        {
            throw new DicomNetworkException($"unrecognized PDU type {type:X2}H at offset {Position}", AbortReason.UnrecognizedPdu);
        }

        if (length > MaxPduLength)
        {
            throw new DicomNetworkException(
                $"PDU type {type:X2}H declares {length} bytes, more than the {MaxPduLength} accepted, at offset {Position}",
                AbortReason.InvalidPduParameterValue);
        }

        if (buffer.Length < Pdu.HeaderLength + length)
        {
            return false;
        }

        var body = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
        buffer.Slice(Pdu.HeaderLength, length).CopyTo(body);
        buffer = buffer.Slice(Pdu.HeaderLength + length);
        Position += Pdu.HeaderLength + length;
        pdu = new ReceivedPdu((PduType)type, body, (int)length);
        return true;
    }
}
