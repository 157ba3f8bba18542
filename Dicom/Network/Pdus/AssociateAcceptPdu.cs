using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>A-ASSOCIATE-AC PDU (PS3.8 9.3.3): the acceptor's result for every proposed presentation context.</summary>
public sealed record AssociateAcceptPdu : Pdu
{
    public override PduType Type => PduType.AssociateAccept;

    public ushort ProtocolVersion { get; init; } = 1;

    /// <summary>Echo of the request's called AE title; PS3.8 says receivers shall not test it.</summary>
    public string CalledAeTitle { get; init; } = "";

    /// <summary>Echo of the request's calling AE title; not tested by receivers either.</summary>
    public string CallingAeTitle { get; init; } = "";

    public string ApplicationContextName { get; init; } = DicomUids.DICOMApplicationContext;

    public IReadOnlyList<PresentationContextResult> PresentationContexts { get; init; } = [];

    public UserInformation UserInformation { get; init; } = new();

    private protected override void WriteBody(PduBuffer buffer)
    {
        AssociateItems.WriteFixedFields(buffer, ProtocolVersion, CalledAeTitle, CallingAeTitle);
        AssociateItems.WriteUidItem(buffer, AssociateItems.ApplicationContext, ApplicationContextName);
        foreach (var context in PresentationContexts)
        {
            var at = AssociateItems.BeginItem(buffer, AssociateItems.PresentationContextAccept);
            buffer.WriteByte(context.Id);
            buffer.WriteByte(0);
            buffer.WriteByte((byte)context.Outcome);
            buffer.WriteByte(0);
            // PS3.8 9.3.3.2: the transfer syntax sub-item is present but not significant when rejected.
            AssociateItems.WriteUidItem(buffer, AssociateItems.TransferSyntax, context.TransferSyntax);
            AssociateItems.EndItem(buffer, at);
        }

        AssociateItems.WriteUserInformation(buffer, UserInformation, isRequest: false);
    }

    public static AssociateAcceptPdu Parse(ReadOnlySpan<byte> body)
    {
        var reader = new PduSpanReader(body, Pdu.HeaderLength);
        var (version, called, calling) = AssociateItems.ReadFixedFields(ref reader);
        string applicationContext = "";
        var contexts = new List<PresentationContextResult>();
        UserInformation? info = null;

        while (!reader.End)
        {
            var type = AssociateItems.ReadItem(ref reader, out var value, out var offset);
            switch (type)
            {
                case AssociateItems.ApplicationContext:
                    applicationContext = PduSpanReader.DecodeAscii(value);
                    break;
                case AssociateItems.PresentationContextAccept:
                    contexts.Add(ReadResult(value, offset));
                    break;
                case AssociateItems.UserInformation:
                    info = AssociateItems.ReadUserInformation(value, offset);
                    break;
                default:
                    break;
            }
        }

        return new AssociateAcceptPdu
        {
            ProtocolVersion = version,
            CalledAeTitle = called,
            CallingAeTitle = calling,
            ApplicationContextName = applicationContext,
            PresentationContexts = contexts,
            UserInformation = info ?? new UserInformation(),
        };
    }

    private static PresentationContextResult ReadResult(ReadOnlySpan<byte> value, int baseOffset)
    {
        var reader = new PduSpanReader(value, baseOffset);
        var id = reader.ReadByte();
        reader.Skip(1);
        var outcome = (PresentationContextOutcome)reader.ReadByte();
        reader.Skip(1);
        string transferSyntax = "";
        while (!reader.End)
        {
            var type = AssociateItems.ReadItem(ref reader, out var item, out _);
            if (type == AssociateItems.TransferSyntax)
            {
                transferSyntax = PduSpanReader.DecodeAscii(item);
            }
        }

        return new PresentationContextResult(id, outcome, transferSyntax);
    }
}
