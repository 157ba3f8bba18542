using CloudFilm.Dicom.Network.Pdus;

namespace CloudFilm.Dicom.Network.Association;

/// <summary>
/// A presentation context after negotiation (PS3.8 7.1.1.13): the abstract syntax, the one transfer syntax
/// the acceptor chose, and which roles the requestor plays on it (PS3.7 D.3.3.4; by default SCU only).
/// </summary>
public sealed record NegotiatedContext(
    byte Id,
    string AbstractSyntax,
    string TransferSyntax,
    PresentationContextOutcome Outcome,
    bool RequestorIsScu = true,
    bool RequestorIsScp = false)
{
    public bool IsAccepted => Outcome == PresentationContextOutcome.Acceptance;
}
