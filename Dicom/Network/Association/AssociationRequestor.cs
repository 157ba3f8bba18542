using System.Net.Security;
using System.Net.Sockets;
using CloudFilm.Dicom.Network.Pdus;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Association;

/// <summary>Settings of a requestor (SCU) association.</summary>
public sealed record AssociationRequestOptions
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    public string CallingAeTitle { get; init; } = "CLOUDFILM";

    public string CalledAeTitle { get; init; } = "ANY-SCP";

    /// <summary>Largest P-DATA-TF we accept (PS3.8 D.1).</summary>
    public uint MaxPduLength { get; init; } = 256 * 1024;

    public required IReadOnlyList<PresentationContextRequest> PresentationContexts { get; init; }

    public UserIdentity? UserIdentity { get; init; }

    /// <summary>Asynchronous operations window to propose (PS3.7 D.3.3.3); null proposes none (synchronous).</summary>
    public (ushort Invoked, ushort Performed)? AsyncOperationsWindow { get; init; }

    public AssociationTimeouts Timeouts { get; init; } = new();

    public TlsClientOptions? Tls { get; init; }

    public IDicomNetworkLog Log { get; init; } = NullNetworkLog.Instance;
}

/// <summary>
/// Opens an association as requestor (PS3.8 9.2, Sta1 → Sta4 → Sta5 → Sta6): connects with Nagle disabled, wraps
/// TLS when asked, sends A-ASSOCIATE-RQ and applies the acceptor's answer.
/// </summary>
public static class AssociationRequestor
{
    public static async Task<DicomAssociation> ConnectAsync(AssociationRequestOptions options, CancellationToken cancellationToken)
    {
        ValidateAeTitle(options.CallingAeTitle, "calling");
        ValidateAeTitle(options.CalledAeTitle, "called");
        var peer = $"{options.CalledAeTitle}@{options.Host}:{options.Port}";
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream stream;
        using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timer.CancelAfter(options.Timeouts.Connect);
            try
            {
                await socket.ConnectAsync(options.Host, options.Port, timer.Token).ConfigureAwait(false);
                stream = new NetworkStream(socket, ownsSocket: true);
                if (options.Tls is { } tls)
                {
                    var ssl = new SslStream(stream, leaveInnerStreamOpen: false, tls.ValidateServerCertificate);
                    await ssl.AuthenticateAsClientAsync(
                        new SslClientAuthenticationOptions { TargetHost = tls.TargetHost, ClientCertificates = tls.ClientCertificates },
                        timer.Token).ConfigureAwait(false);
                    stream = ssl;
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or IOException or System.Security.Authentication.AuthenticationException)
            {
                socket.Dispose();
                if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                throw new DicomNetworkException($"cannot connect to {peer}: {e.Message}", e);
            }
        }

        var association = new DicomAssociation(stream, isRequestor: true, options.Timeouts, options.Log, peer, maxReceivePduLength: 1024 * 1024);
        try
        {
            await NegotiateAsync(association, options, cancellationToken).ConfigureAwait(false);
            return association;
        }
        catch
        {
            await association.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task NegotiateAsync(DicomAssociation association, AssociationRequestOptions options, CancellationToken cancellationToken)
    {
        association.Fire(AssociationEvent.LocalAssociateRequest);
        association.Fire(AssociationEvent.TransportConnected);

        var proposals = new List<PresentationContextProposal>(options.PresentationContexts.Count);
        var roles = new List<RoleSelection>();
        for (var i = 0; i < options.PresentationContexts.Count; i++)
        {
            if (i >= 128)
            {
                throw new DicomNetworkException("more than 128 presentation contexts requested (PS3.8 9.3.2.2 allows odd ids 1–255)");
            }

            var wanted = options.PresentationContexts[i];
            proposals.Add(new PresentationContextProposal((byte)(2 * i + 1), wanted.AbstractSyntax, wanted.TransferSyntaxes));
            if (wanted.OfferScpRole && !roles.Exists(r => r.SopClassUid == wanted.AbstractSyntax))
            {
                roles.Add(new RoleSelection(wanted.AbstractSyntax, ScuRole: false, ScpRole: true));
            }
        }

        var request = new AssociateRequestPdu
        {
            CalledAeTitle = options.CalledAeTitle,
            CallingAeTitle = options.CallingAeTitle,
            PresentationContexts = proposals,
            UserInformation = new UserInformation
            {
                MaxPduLength = options.MaxPduLength,
                ImplementationClassUid = DicomUids.ImplementationClassUid,
                ImplementationVersionName = DicomUids.ImplementationVersionName,
                AsyncOperationsWindow = options.AsyncOperationsWindow,
                RoleSelections = roles,
                Identity = options.UserIdentity,
            },
        };
        await association.SendPduAsync(request, cancellationToken).ConfigureAwait(false);

        using var answer = await association.ReadPduAsync(options.Timeouts.Artim, cancellationToken).ConfigureAwait(false)
            ?? throw new DicomNetworkException($"{association.Peer} closed the connection instead of answering A-ASSOCIATE-RQ");
        switch (answer.Type)
        {
            case PduType.AssociateAccept:
                association.Fire(AssociationEvent.AssociateAcceptReceived);
                var accept = AssociateAcceptPdu.Parse(answer.Body.Span);
                association.SetInfo(BuildInfo(options, proposals, accept, association.Peer));
                return;
            case PduType.AssociateReject:
                association.Fire(AssociationEvent.AssociateRejectReceived);
                var reject = AssociateRejectPdu.Parse(answer.Body.Span);
                association.Log.Log(NetworkLogLevel.Warning, association.Peer, reject.ToString());
                throw new AssociationRejectedException(reject);
            case PduType.Abort:
                association.Fire(AssociationEvent.AbortReceived);
                throw new DicomNetworkException($"{association.Peer} aborted during association negotiation");
            default:
                association.Fire(AssociationEvent.InvalidPduReceived);
                await association.TrySendAsync(new AbortPdu(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu)).ConfigureAwait(false);
                throw new DicomNetworkException($"{association.Peer} answered A-ASSOCIATE-RQ with PDU type {answer.Type}");
        }
    }

    private static AssociationInfo BuildInfo(AssociationRequestOptions options, List<PresentationContextProposal> proposals, AssociateAcceptPdu accept, string peer)
    {
        var contexts = new List<NegotiatedContext>(proposals.Count);
        foreach (var proposal in proposals)
        {
            var result = accept.PresentationContexts.FirstOrDefault(r => r.Id == proposal.Id);
            var outcome = result?.Outcome ?? PresentationContextOutcome.ProviderRejectionNoReason;
            // Without a role selection answer the default roles apply: requestor SCU only (PS3.7 D.3.3.4).
            var offeredScp = options.PresentationContexts[(proposal.Id - 1) / 2].OfferScpRole;
            var role = offeredScp ? accept.UserInformation.RoleSelections.FirstOrDefault(r => r.SopClassUid == proposal.AbstractSyntax) : null;
            contexts.Add(new NegotiatedContext(
                proposal.Id,
                proposal.AbstractSyntax,
                result?.TransferSyntax ?? "",
                outcome,
                RequestorIsScu: role?.ScuRole ?? true,
                RequestorIsScp: role?.ScpRole ?? false));
        }

        var window = accept.UserInformation.AsyncOperationsWindow;
        return new AssociationInfo
        {
            CallingAeTitle = options.CallingAeTitle,
            CalledAeTitle = options.CalledAeTitle,
            RemoteEndPoint = $"{options.Host}:{options.Port}",
            PresentationContexts = contexts,
            PeerMaxPduLength = accept.UserInformation.MaxPduLength,
            LocalMaxPduLength = options.MaxPduLength,
            PeerImplementationClassUid = accept.UserInformation.ImplementationClassUid,
            PeerImplementationVersionName = accept.UserInformation.ImplementationVersionName,
            UserIdentity = options.UserIdentity,
            MaxOperationsInvoked = WindowValue(window?.Invoked),
            MaxOperationsPerformed = WindowValue(window?.Performed),
        };
    }

    /// <summary>AE titles are 1–16 characters of the default repertoire without backslash or control characters (PS3.5 6.2, AE).</summary>
    private static void ValidateAeTitle(string title, string which)
    {
        var trimmed = title.Trim(' ');
        if (trimmed.Length is 0 or > 16 || trimmed.AsSpan().ContainsAnyExceptInRange((char)0x20, (char)0x7E) || trimmed.Contains('\\', StringComparison.Ordinal))
        {
            throw new DicomNetworkException($"{which} AE title '{title}' is not 1–16 printable characters without backslash");
        }
    }

    /// <summary>0 in the window means unlimited (PS3.7 D.3.3.3.1); absent means 1.</summary>
    private static int WindowValue(ushort? value) => value switch
    {
        null => 1,
        0 => int.MaxValue,
        var v => v.Value,
    };
}
