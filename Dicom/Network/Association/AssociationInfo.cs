using CloudFilm.Dicom.Network.Pdus;

namespace CloudFilm.Dicom.Network.Association;

/// <summary>What both sides agreed on when the association was established (PS3.8 7.1.1).</summary>
public sealed class AssociationInfo
{
    public required string CallingAeTitle { get; init; }

    public required string CalledAeTitle { get; init; }

    /// <summary>The peer's address and port, e.g. "127.0.0.1:40312".</summary>
    public required string RemoteEndPoint { get; init; }

    public required IReadOnlyList<NegotiatedContext> PresentationContexts { get; init; }

    /// <summary>Largest P-DATA-TF the peer accepts; 0 means unlimited (PS3.8 D.1). Fragments we send respect it.</summary>
    public uint PeerMaxPduLength { get; init; }

    /// <summary>Largest P-DATA-TF we announced and accept.</summary>
    public uint LocalMaxPduLength { get; init; }

    public string PeerImplementationClassUid { get; init; } = "";

    public string? PeerImplementationVersionName { get; init; }

    /// <summary>The user identity the requestor offered, if any (PS3.7 D.3.3.7).</summary>
    public UserIdentity? UserIdentity { get; init; }

    /// <summary>Operations the requestor may have outstanding at once (PS3.7 D.3.3.3); 1 without negotiation.</summary>
    public int MaxOperationsInvoked { get; init; } = 1;

    /// <summary>Operations the acceptor may perform at once, e.g. C-STORE sub-operations of C-GET in flight.</summary>
    public int MaxOperationsPerformed { get; init; } = 1;

    /// <summary>A short label for log lines: "CALLING->CALLED@address".</summary>
    public string Peer => $"{CallingAeTitle}->{CalledAeTitle}@{RemoteEndPoint}";

    /// <summary>The context with this id, or null; constant time, as the receive loop asks for every PDV.</summary>
    public NegotiatedContext? FindContext(byte id)
    {
        var byId = _byId ??= Index(PresentationContexts);
        return byId[id];
    }

    private NegotiatedContext?[]? _byId;

    private static NegotiatedContext?[] Index(IReadOnlyList<NegotiatedContext> contexts)
    {
        var byId = new NegotiatedContext?[256];
        foreach (var context in contexts)
        {
            byId[context.Id] ??= context;
        }

        return byId;
    }

    /// <summary>
    /// An accepted context for <paramref name="abstractSyntax"/>, preferring one whose transfer syntax is
    /// <paramref name="transferSyntax"/> when given.
    /// </summary>
    public NegotiatedContext? FindAccepted(string abstractSyntax, string? transferSyntax = null)
    {
        NegotiatedContext? any = null;
        foreach (var context in PresentationContexts)
        {
            if (!context.IsAccepted || context.AbstractSyntax != abstractSyntax)
            {
                continue;
            }

            if (transferSyntax is null || context.TransferSyntax == transferSyntax)
            {
                return context;
            }

            any ??= context;
        }

        return transferSyntax is null ? any : null;
    }
}
