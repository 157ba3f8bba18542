namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>
/// A protocol data unit of the DICOM upper layer (PS3.8 9.3): a 6-byte header (type, reserved, 32-bit big-endian
/// length) followed by a type-specific body.
/// </summary>
public abstract record Pdu
{
    /// <summary>Bytes of the PDU header: type, reserved byte, 4-byte length.</summary>
    public const int HeaderLength = 6;

    public abstract PduType Type { get; }

    /// <summary>Appends the whole PDU, header included, to <paramref name="buffer"/>.</summary>
    public void WriteTo(PduBuffer buffer)
    {
        buffer.WriteByte((byte)Type);
        buffer.WriteByte(0);
        var lengthAt = buffer.Reserve(4);
        var start = buffer.Length;
        WriteBody(buffer);
        buffer.PatchUInt32(lengthAt, (uint)(buffer.Length - start));
    }

    private protected abstract void WriteBody(PduBuffer buffer);

    /// <summary>
    /// Parses a PDU body of the given type. P-DATA-TF values point into <paramref name="body"/>, so they are valid only
    /// as long as the memory is.
    /// </summary>
    public static Pdu Parse(PduType type, ReadOnlyMemory<byte> body) => type switch
    {
        PduType.AssociateRequest => AssociateRequestPdu.Parse(body.Span),
        PduType.AssociateAccept => AssociateAcceptPdu.Parse(body.Span),
        PduType.AssociateReject => AssociateRejectPdu.Parse(body.Span),
        PduType.DataTransfer => DataTransferPdu.Parse(body),
        PduType.ReleaseRequest => ReleaseRequestPdu.Parse(body.Span),
        PduType.ReleaseResponse => ReleaseResponsePdu.Parse(body.Span),
        PduType.Abort => AbortPdu.Parse(body.Span),
        _ => throw new DicomNetworkException($"unrecognized PDU type {(byte)type:X2}H", AbortReason.UnrecognizedPdu),
    };
}
