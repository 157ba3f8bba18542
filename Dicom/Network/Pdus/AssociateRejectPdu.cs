namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>A-ASSOCIATE-RJ PDU (PS3.8 9.3.4): result, source and reason of a refused association.</summary>
public sealed record AssociateRejectPdu(RejectResult Result, RejectSource Source, RejectReason Reason) : Pdu
{
    public override PduType Type => PduType.AssociateReject;

    private protected override void WriteBody(PduBuffer buffer)
    {
        buffer.WriteByte(0);
        buffer.WriteByte((byte)Result);
        buffer.WriteByte((byte)Source);
        buffer.WriteByte((byte)Reason);
    }

    public static AssociateRejectPdu Parse(ReadOnlySpan<byte> body)
    {
        var reader = new PduSpanReader(body, Pdu.HeaderLength);
        reader.Skip(1);
        return new AssociateRejectPdu((RejectResult)reader.ReadByte(), (RejectSource)reader.ReadByte(), (RejectReason)reader.ReadByte());
    }

    public override string ToString() => $"A-ASSOCIATE-RJ result {(byte)Result} source {(byte)Source} reason {(byte)Reason}";
}
