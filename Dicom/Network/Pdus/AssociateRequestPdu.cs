using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>A-ASSOCIATE-RQ PDU (PS3.8 9.3.2): who calls whom, the presentation contexts offered and user information.</summary>
public sealed record AssociateRequestPdu : Pdu
{
    public override PduType Type => PduType.AssociateRequest;

    public ushort ProtocolVersion { get; init; } = 1;

    public required string CalledAeTitle { get; init; }

    public required string CallingAeTitle { get; init; }

    public string ApplicationContextName { get; init; } = DicomUids.DICOMApplicationContext;

    public IReadOnlyList<PresentationContextProposal> PresentationContexts { get; init; } = [];

    public UserInformation UserInformation { get; init; } = new();

    private protected override void WriteBody(PduBuffer buffer)
    {
        AssociateItems.WriteFixedFields(buffer, ProtocolVersion, CalledAeTitle, CallingAeTitle);
        AssociateItems.WriteUidItem(buffer, AssociateItems.ApplicationContext, ApplicationContextName);
        foreach (var context in PresentationContexts)
        {
            var at = AssociateItems.BeginItem(buffer, AssociateItems.PresentationContextRequest);
            buffer.WriteByte(context.Id);
            buffer.WriteZeros(3);
            AssociateItems.WriteUidItem(buffer, AssociateItems.AbstractSyntax, context.AbstractSyntax);
            foreach (var syntax in context.TransferSyntaxes)
            {
                AssociateItems.WriteUidItem(buffer, AssociateItems.TransferSyntax, syntax);
            }

            AssociateItems.EndItem(buffer, at);
        }

        AssociateItems.WriteUserInformation(buffer, UserInformation, isRequest: true);
    }

    public static AssociateRequestPdu Parse(ReadOnlySpan<byte> body)
    {
        var reader = new PduSpanReader(body, Pdu.HeaderLength);
        var (version, called, calling) = AssociateItems.ReadFixedFields(ref reader);
        string applicationContext = "";
        var contexts = new List<PresentationContextProposal>();
        UserInformation? info = null;

        while (!reader.End)
        {
            var type = AssociateItems.ReadItem(ref reader, out var value, out var offset);
            switch (type)
            {
                case AssociateItems.ApplicationContext:
                    applicationContext = PduSpanReader.DecodeAscii(value);
                    break;
                case AssociateItems.PresentationContextRequest:
                    contexts.Add(ReadProposal(value, offset));
                    break;
                case AssociateItems.UserInformation:
                    info = AssociateItems.ReadUserInformation(value, offset);
                    break;
                default:
                    // PS3.8 9.3.1: items of unrecognized types are ignored.
                    break;
            }
        }

        if (applicationContext.Length == 0)
        {
            throw new DicomNetworkException("A-ASSOCIATE-RQ without application context item", AbortReason.InvalidPduParameterValue);
        }

        return new AssociateRequestPdu
        {
            ProtocolVersion = version,
            CalledAeTitle = called,
            CallingAeTitle = calling,
            ApplicationContextName = applicationContext,
            PresentationContexts = contexts,
            UserInformation = info ?? new UserInformation(),
        };
    }

    private static PresentationContextProposal ReadProposal(ReadOnlySpan<byte> value, int baseOffset)
    {
        var reader = new PduSpanReader(value, baseOffset);
        var id = reader.ReadByte();
        reader.Skip(3);
        string abstractSyntax = "";
        var transferSyntaxes = new List<string>();
        while (!reader.End)
        {
            var type = AssociateItems.ReadItem(ref reader, out var item, out _);
            if (type == AssociateItems.AbstractSyntax)
            {
                abstractSyntax = PduSpanReader.DecodeAscii(item);
            }
            else if (type == AssociateItems.TransferSyntax)
            {
                transferSyntaxes.Add(PduSpanReader.DecodeAscii(item));
            }
        }

        return new PresentationContextProposal(id, abstractSyntax, transferSyntaxes);
    }
}
