using System.Net;
using System.Net.Sockets;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Pdus;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Services;

public sealed partial class DicomServer
{
    /// <summary>
    /// Sta2 → Sta3 → Sta6 or Sta13 (PS3.8 9.2): waits up to ARTIM for A-ASSOCIATE-RQ, checks protocol version,
    /// application context, association limit and policy, then answers A-ASSOCIATE-AC or -RJ. Anything else
    /// gets an A-ABORT. Returns whether the association is established.
    /// </summary>
    private async Task<bool> NegotiateAsync(DicomAssociation association, Socket socket, string peer)
    {
        var log = _options.Log;
        AssociateRequestPdu request;
        try
        {
            using var first = await association.ReadPduAsync(_options.Timeouts.Artim, _stopping.Token).ConfigureAwait(false);
            if (first is null)
            {
                association.Fire(AssociationEvent.TransportClosed);
                log.Log(NetworkLogLevel.Information, peer, "connection closed before A-ASSOCIATE-RQ");
                return false;
            }

            if (first.Type == PduType.Abort)
            {
                // Sta2 + A-ABORT: AA-2, close without answering.
                association.Fire(AssociationEvent.AbortReceived);
                log.Log(NetworkLogLevel.Information, peer, "aborted by the peer before associating");
                return false;
            }

            if (first.Type != PduType.AssociateRequest)
            {
                log.Log(NetworkLogLevel.Warning, peer, $"PDU {first.Type} instead of A-ASSOCIATE-RQ, aborting");
                await AbortNegotiationAsync(association, AbortReason.UnexpectedPdu).ConfigureAwait(false);
                return false;
            }

            request = AssociateRequestPdu.Parse(first.Body.Span);
        }
        catch (TimeoutException)
        {
            association.Fire(AssociationEvent.ArtimExpired);
            log.Log(NetworkLogLevel.Warning, peer, $"no A-ASSOCIATE-RQ within ARTIM ({_options.Timeouts.Artim.TotalSeconds:0.#} s), closing");
            return false;
        }
        catch (DicomNetworkException e)
        {
            log.Log(NetworkLogLevel.Warning, peer, $"bad association request: {e.Message}");
            await AbortNegotiationAsync(association, e.AbortReason).ConfigureAwait(false);
            return false;
        }

        association.Fire(AssociationEvent.AssociateRequestReceived);
        association.Peer = $"{request.CallingAeTitle}->{request.CalledAeTitle}@{peer}";
        var remote = (socket.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;

        AssociationDecision decision;
        if ((request.ProtocolVersion & 1) == 0)
        {
            decision = AssociationDecision.RejectWith(RejectResult.Permanent, RejectSource.ServiceProviderAcse, RejectReason.ProtocolVersionNotSupported);
        }
        else if (request.ApplicationContextName != DicomUids.DICOMApplicationContext)
        {
            decision = AssociationDecision.RejectWith(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.ApplicationContextNotSupported);
        }
        else if (Interlocked.Increment(ref _associations) > _options.MaxAssociations)
        {
            Interlocked.Decrement(ref _associations);
            decision = AssociationDecision.LocalLimitExceeded;
        }
        else
        {
            try
            {
                decision = await _policy.DecideAsync(
                    new AssociationRequestContext(request.CallingAeTitle, request.CalledAeTitle, remote, request.UserInformation.Identity, request),
                    _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.Log(NetworkLogLevel.Error, association.Peer, $"association policy failed: {e}");
                decision = AssociationDecision.RejectWith(RejectResult.Transient, RejectSource.ServiceUser, RejectReason.NoReasonGiven);
            }

            if (!decision.Accepted)
            {
                Interlocked.Decrement(ref _associations);
            }
        }

        if (decision.Reject is { } reject)
        {
            association.Fire(AssociationEvent.LocalReject);
            log.Log(NetworkLogLevel.Warning, association.Peer, $"rejected: {reject}");
            await association.SendPduAsync(reject, _stopping.Token).ConfigureAwait(false);
            await association.AwaitPeerCloseAsync().ConfigureAwait(false);
            return false;
        }

        // The association already counts against the limit; give the slot back if accepting fails half-way.
        try
        {
            return await AcceptAsync(association, request, decision, peer).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _associations);
            throw;
        }
    }

    private async Task<bool> AcceptAsync(DicomAssociation association, AssociateRequestPdu request, AssociationDecision decision, string peer)
    {
        var log = _options.Log;
        var (contexts, results, roles) = PresentationContextNegotiator.Negotiate(
            request.PresentationContexts, request.UserInformation.RoleSelections, _capabilities);
        var proposedWindow = request.UserInformation.AsyncOperationsWindow;
        (ushort, ushort)? window = proposedWindow is { } w
            ? ((ushort)Math.Min(w.Invoked == 0 ? 16 : (int)w.Invoked, 16), (ushort)Math.Min(w.Performed == 0 ? int.MaxValue : w.Performed, (int)_options.MaxOperationsPerformed))
            : null;
        var accept = new AssociateAcceptPdu
        {
            CalledAeTitle = request.CalledAeTitle,
            CallingAeTitle = request.CallingAeTitle,
            PresentationContexts = results,
            UserInformation = new UserInformation
            {
                MaxPduLength = _options.MaxPduLength,
                ImplementationClassUid = DicomUids.ImplementationClassUid,
                ImplementationVersionName = DicomUids.ImplementationVersionName,
                AsyncOperationsWindow = window,
                RoleSelections = roles,
                IdentityServerResponse = request.UserInformation.Identity is { PositiveResponseRequested: true } ? decision.IdentityServerResponse ?? ReadOnlyMemory<byte>.Empty : null,
            },
        };
        association.SetInfo(new AssociationInfo
        {
            CallingAeTitle = request.CallingAeTitle,
            CalledAeTitle = request.CalledAeTitle,
            RemoteEndPoint = peer,
            PresentationContexts = contexts,
            PeerMaxPduLength = request.UserInformation.MaxPduLength,
            LocalMaxPduLength = _options.MaxPduLength,
            PeerImplementationClassUid = request.UserInformation.ImplementationClassUid,
            PeerImplementationVersionName = request.UserInformation.ImplementationVersionName,
            UserIdentity = request.UserInformation.Identity,
            MaxOperationsInvoked = window?.Item1 ?? 1,
            MaxOperationsPerformed = window?.Item2 ?? 1,
        });
        association.Fire(AssociationEvent.LocalAccept);
        await association.SendPduAsync(accept, _stopping.Token).ConfigureAwait(false);
        var acceptedCount = 0;
        foreach (var context in contexts)
        {
            acceptedCount += context.IsAccepted ? 1 : 0;
        }

        log.Log(NetworkLogLevel.Information, association.Peer,
            $"accepted ({acceptedCount}/{contexts.Count} presentation contexts, peer max PDU {request.UserInformation.MaxPduLength}, {request.UserInformation.ImplementationVersionName})");
        return true;
    }

    private static async Task AbortNegotiationAsync(DicomAssociation association, AbortReason reason)
    {
        association.TryFire(AssociationEvent.InvalidPduReceived, out _);
        await association.TrySendAsync(new AbortPdu(AbortSource.ServiceProvider, reason)).ConfigureAwait(false);
        await association.AwaitPeerCloseAsync().ConfigureAwait(false);
    }
}
