namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>A-RELEASE-RP PDU (PS3.8 9.3.7): four reserved bytes.</summary>
public sealed record ReleaseResponsePdu : Pdu
{
    public static readonly ReleaseResponsePdu Instance = new();

    public override PduType Type => PduType.ReleaseResponse;

    private protected override void WriteBody(PduBuffer buffer) => buffer.WriteZeros(4);

    public static ReleaseResponsePdu Parse(ReadOnlySpan<byte> body)
    {
        var reader = new PduSpanReader(body, Pdu.HeaderLength);
        reader.Skip(4);
        return Instance;
    }
}
