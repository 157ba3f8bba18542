namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>A-ABORT PDU (PS3.8 9.3.8): source and reason; the reason is significant only from the service provider.</summary>
public sealed record AbortPdu(AbortSource Source, AbortReason Reason) : Pdu
{
    public override PduType Type => PduType.Abort;

    private protected override void WriteBody(PduBuffer buffer)
    {
        buffer.WriteZeros(2);
        buffer.WriteByte((byte)Source);
        buffer.WriteByte((byte)Reason);
    }

    public static AbortPdu Parse(ReadOnlySpan<byte> body)
    {
        var reader = new PduSpanReader(body, Pdu.HeaderLength);
        reader.Skip(2);
        return new AbortPdu((AbortSource)reader.ReadByte(), (AbortReason)reader.ReadByte());
    }
}
