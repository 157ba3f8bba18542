namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>Result/Reason field of a presentation context in A-ASSOCIATE-AC (PS3.8 9.3.3.2).</summary>
public enum PresentationContextOutcome : byte
{
    Acceptance = 0,
    UserRejection = 1,
    ProviderRejectionNoReason = 2,
    AbstractSyntaxNotSupported = 3,
    TransferSyntaxesNotSupported = 4,
}

/// <summary>
/// The acceptor's answer for one proposed presentation context (PS3.8 9.3.3.2). The transfer syntax is
/// meaningful only when <see cref="Outcome"/> is acceptance.
/// </summary>
public sealed record PresentationContextResult(byte Id, PresentationContextOutcome Outcome, string TransferSyntax);
