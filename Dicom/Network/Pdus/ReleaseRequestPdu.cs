namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>A-RELEASE-RQ PDU (PS3.8 9.3.6): four reserved bytes.</summary>
public sealed record ReleaseRequestPdu : Pdu
{
    public static readonly ReleaseRequestPdu Instance = new();

    public override PduType Type => PduType.ReleaseRequest;

    private protected override void WriteBody(PduBuffer buffer) => buffer.WriteZeros(4);

    public static ReleaseRequestPdu Parse(ReadOnlySpan<byte> body)
    {
        var reader = new PduSpanReader(body, Pdu.HeaderLength);
        reader.Skip(4);
        return Instance;
    }
}
