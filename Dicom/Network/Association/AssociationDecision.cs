using CloudFilm.Dicom.Network.Pdus;

namespace CloudFilm.Dicom.Network.Association;

/// <summary>An acceptor policy's answer: accept (optionally with a user identity server response) or reject with PS3.8 9.3.4 fields.</summary>
public sealed record AssociationDecision
{
    private AssociationDecision()
    {
    }

    public bool Accepted => Reject is null;

    public AssociateRejectPdu? Reject { get; private init; }

    /// <summary>Server response for a user identity that asked for one (PS3.7 D.3.3.7.2), e.g. a token.</summary>
    public ReadOnlyMemory<byte>? IdentityServerResponse { get; private init; }

    public static readonly AssociationDecision Accept = new();

    public static AssociationDecision AcceptWithIdentityResponse(ReadOnlyMemory<byte> response) => new() { IdentityServerResponse = response };

    public static AssociationDecision RejectWith(RejectResult result, RejectSource source, RejectReason reason) =>
        new() { Reject = new AssociateRejectPdu(result, source, reason) };

    public static readonly AssociationDecision CalledAeNotRecognized =
        RejectWith(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CalledAeNotRecognized);

    public static readonly AssociationDecision CallingAeNotRecognized =
        RejectWith(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CallingAeNotRecognized);

    public static readonly AssociationDecision NoReason =
        RejectWith(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.NoReasonGiven);

    public static readonly AssociationDecision LocalLimitExceeded =
        RejectWith(RejectResult.Transient, RejectSource.ServiceProviderPresentation, RejectReason.LocalLimitExceeded);
}
