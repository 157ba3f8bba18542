using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Services;

internal sealed partial class ScpSession
{
    /// <summary>
    /// C-MOVE and C-GET (PS3.4 C.4.2.3, C.4.3.3): resolve the identifier, send each instance as a C-STORE
    /// sub-operation (C-MOVE on a new association to the configured destination, C-GET on this one), answer a
    /// pending response with the counts after each, and a final response with the totals.
    /// </summary>
    private async Task RunRetrieveAsync(byte contextId, DimseCommand command, byte[] identifier, CancellationToken cancellationToken)
    {
        var isMove = command.CommandField == DimseCommandField.CMoveRequest;
        var handler = isMove ? handlers.Move : handlers.Get;
        if (handler is null || !ContextFits(contextId, command, isMove ? QueryRetrieveModels.IsMove : QueryRetrieveModels.IsGet))
        {
            await RespondAsync(contextId, DimseMessages.Response(command, DimseStatus.SopClassNotSupported), _ended.Token).ConfigureAwait(false);
            return;
        }

        RemoteApplicationEntity? destination = null;
        if (isMove && !options.MoveDestinations.TryGetValue(command.MoveDestination, out destination))
        {
            Log.Log(NetworkLogLevel.Warning, Info.Peer, $"C-MOVE to unknown destination '{command.MoveDestination}'");
            await RespondAsync(contextId, DimseMessages.Response(command, DimseStatus.MoveDestinationUnknown), _ended.Token).ConfigureAwait(false);
            return;
        }

        var request = new RetrieveRequest(Info, contextId, command.AffectedSopClassUid, Info.FindContext(contextId)!.TransferSyntax, identifier,
            command.Contains(DimseCommand.PriorityElement) ? command.Priority : (ushort)0, isMove ? command.MoveDestination : null);
        IReadOnlyList<RetrieveItem> items;
        try
        {
            items = await handler.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var (status, comment) = Classify(e, isMove ? "C-MOVE" : "C-GET");
            var failed = DimseMessages.Response(command, status);
            failed.ErrorComment = comment;
            await RespondAsync(contextId, failed, _ended.Token).ConfigureAwait(false);
            return;
        }

        var counts = new SubOperationCounts(items.Count);
        var failedUids = new List<string>();
        DicomClient? subAssociation = null;
        try
        {
            if (isMove && items.Count > 0)
            {
                subAssociation = await OpenMoveDestinationAsync(destination!, items, cancellationToken).ConfigureAwait(false);
            }

            foreach (var item in items)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                var status = subAssociation is not null
                    ? await StoreToDestinationAsync(subAssociation, item, command, cancellationToken).ConfigureAwait(false)
                    : await StoreOnThisAssociationAsync(item, cancellationToken).ConfigureAwait(false);
                counts.Record(status);
                if (status.Category is DimseStatusCategory.Failure or DimseStatusCategory.Cancel)
                {
                    failedUids.Add(item.SopInstanceUid);
                }
                if (counts.Remaining > 0)
                {
                    var pending = DimseMessages.Response(command, DimseStatus.Pending);
                    counts.WriteTo(pending, includeRemaining: true);
                    await RespondAsync(contextId, pending, _ended.Token).ConfigureAwait(false);
                }
            }
        }
        catch (DicomNetworkException e) when (subAssociation is null && isMove)
        {
            Log.Log(NetworkLogLevel.Warning, Info.Peer, $"C-MOVE destination {destination!.AeTitle}: {e.Message}");
            counts.FailRemaining();
            failedUids.AddRange(items.Select(i => i.SopInstanceUid));
        }
        finally
        {
            if (subAssociation is not null)
            {
                await ReleaseQuietlyAsync(subAssociation).ConfigureAwait(false);
            }
        }

        var cancelled = cancellationToken.IsCancellationRequested && !_ended.IsCancellationRequested && counts.Remaining > 0;
        var finalStatus = cancelled ? DimseStatus.Cancel
            : counts.Failed == 0 && counts.Warning == 0 ? DimseStatus.Success
            : counts.Completed == 0 && counts.Warning == 0 && isMove ? DimseStatus.OutOfResourcesSubOperations
            : DimseStatus.SubOperationsCompleteWithFailures;
        var final = DimseMessages.Response(command, finalStatus);
        counts.WriteTo(final, includeRemaining: cancelled);
        Log.Log(NetworkLogLevel.Information, Info.Peer,
            $"{(isMove ? "C-MOVE to " + command.MoveDestination : "C-GET")}: {counts.Completed} completed, {counts.Failed} failed, {counts.Warning} warnings, {finalStatus}");
        if (failedUids.Count > 0)
        {
            await association.SendMessageAsync(contextId, final, FailedInstanceList(failedUids, request.TransferSyntaxUid), _ended.Token).ConfigureAwait(false);
        }
        else
        {
            await RespondAsync(contextId, final, _ended.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The final response's identifier: Failed SOP Instance UID List (0008,0058), PS3.4 C.4.2.1.4.2 and C.4.3.1.3.2.
    /// Cut to what a 16-bit explicit VR length holds; the counts still tell the whole story.
    /// </summary>
    private static byte[] FailedInstanceList(List<string> uids, string transferSyntaxUid)
    {
        var kept = new List<string>();
        var length = 0;
        foreach (var uid in uids)
        {
            if (length + uid.Length + 1 > 65000)
            {
                break;
            }

            kept.Add(uid);
            length += uid.Length + 1;
        }

        var dataset = new DicomDataset().Set(DicomTags.FailedSOPInstanceUIDList, DicomVR.UI, kept.ToArray());
        return DicomDatasetWriter.ToBytes(dataset, DicomTransferSyntax.Lookup(transferSyntaxUid));
    }

    /// <summary>
    /// The C-MOVE sub-association (PS3.4 C.4.2.3.1): the destination chooses among the stored syntaxes and an
    /// uncompressed fallback per SOP class (<see cref="StorageContexts.Propose"/>).
    /// </summary>
    private async Task<DicomClient> OpenMoveDestinationAsync(RemoteApplicationEntity destination, IReadOnlyList<RetrieveItem> items, CancellationToken cancellationToken)
    {
        var contexts = StorageContexts.Propose(items.Select(i => (i.SopClassUid, i.TransferSyntaxUid)));
        var requestOptions = new AssociationRequestOptions
        {
            Host = destination.Host,
            Port = destination.Port,
            CallingAeTitle = options.AeTitle,
            CalledAeTitle = destination.AeTitle,
            MaxPduLength = options.MaxPduLength,
            PresentationContexts = contexts,
            Timeouts = options.Timeouts,
            Log = Log,
        };
        return await DicomClient.ConnectAsync(requestOptions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A C-MOVE sub-operation: C-STORE-RQ on the sub-association, in the stored syntax when the destination accepted
    /// it for the class, else transcoded to an accepted uncompressed one. A class the destination refused in every
    /// syntax fails the sub-operation without sending (PS3.4 C.4.2.3.1).
    /// </summary>
    private async Task<DimseStatus> StoreToDestinationAsync(DicomClient destination, RetrieveItem item, DimseCommand move, CancellationToken cancellationToken)
    {
        var context = StorageContexts.Choose(destination.Info.PresentationContexts, item.SopClassUid, item.TransferSyntaxUid);
        if (context is null)
        {
            Log.Log(NetworkLogLevel.Warning, Info.Peer, $"C-MOVE: {destination.Info.CalledAeTitle} accepted no context for {item.SopClassUid} in {item.TransferSyntaxUid} or uncompressed; {item.SopInstanceUid} not sent");
            return DimseStatus.ProcessingFailure;
        }

        try
        {
            await using var data = await item.OpenDataSet(context.TransferSyntax, cancellationToken).ConfigureAwait(false);
            var response = await destination.StoreAsync(item.SopClassUid, item.SopInstanceUid, context.TransferSyntax, data, cancellationToken,
                Info.CallingAeTitle, move.MessageId).ConfigureAwait(false);
            return response.Status;
        }
        catch (Exception e) when (e is DicomException or IOException)
        {
            Log.Log(NetworkLogLevel.Warning, Info.Peer, $"C-STORE sub-operation {item.SopInstanceUid}: {e.Message}");
            return DimseStatus.ProcessingFailure;
        }
    }

    /// <summary>
    /// A C-GET sub-operation: C-STORE-RQ on a context where the requestor took the SCP role (PS3.4 C.4.3.3), chosen
    /// as for C-MOVE (<see cref="StorageContexts.Choose"/>).
    /// </summary>
    private async Task<DimseStatus> StoreOnThisAssociationAsync(RetrieveItem item, CancellationToken cancellationToken)
    {
        var context = StorageContexts.Choose(Info.PresentationContexts.Where(c => c.RequestorIsScp), item.SopClassUid, item.TransferSyntaxUid);
        if (context is null)
        {
            Log.Log(NetworkLogLevel.Warning, Info.Peer, $"C-GET: no context with SCP role for {item.SopClassUid} in {item.TransferSyntaxUid} or uncompressed");
            return DimseStatus.ProcessingFailure;
        }

        var request = DimseMessages.StoreRequest(NextMessageId(), item.SopClassUid, item.SopInstanceUid);
        var responses = _subOperationResponses.Register(request.MessageId);
        try
        {
            await using (var data = await item.OpenDataSet(context.TransferSyntax, cancellationToken).ConfigureAwait(false))
            {
                await association.SendMessageAsync(context.Id, request, data, _ended.Token).ConfigureAwait(false);
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(_ended.Token);
            timer.CancelAfter(association.Timeouts.DimseResponse);
            var response = await responses.ReadAsync(timer.Token).ConfigureAwait(false);
            return response.Status;
        }
        catch (Exception e) when (e is DicomException or IOException or System.Threading.Channels.ChannelClosedException)
        {
            Log.Log(NetworkLogLevel.Warning, Info.Peer, $"C-GET sub-operation {item.SopInstanceUid}: {e.Message}");
            return DimseStatus.ProcessingFailure;
        }
        finally
        {
            _subOperationResponses.Unregister(request.MessageId);
        }
    }

    private async Task ReleaseQuietlyAsync(DicomClient client)
    {
        try
        {
            using var timer = new CancellationTokenSource(options.Timeouts.Artim);
            await client.ReleaseAsync(timer.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DicomException or IOException or OperationCanceledException)
        {
            Log.Log(NetworkLogLevel.Debug, Info.Peer, $"releasing the C-MOVE sub-association: {e.Message}");
        }
        finally
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }
}
