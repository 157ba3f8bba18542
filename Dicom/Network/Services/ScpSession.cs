using System.Collections.Concurrent;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;

namespace CloudFilm.Dicom.Network.Services;

/// <summary>
/// The SCP side of one accepted association: dispatches each DIMSE request to the host's handlers (PS3.4 Annexes
/// A, B, C). C-STORE runs in the receive loop so its data set streams straight to the host's sink; C-FIND,
/// C-MOVE and C-GET run as their own tasks so a C-CANCEL arriving meanwhile is seen and honoured.
/// </summary>
internal sealed partial class ScpSession(DicomAssociation association, DicomServerOptions options, DicomServiceHandlers handlers)
    : IDimseMessageTarget, IAsyncDisposable
{
    private readonly ConcurrentDictionary<ushort, CancellationTokenSource> _running = new();
    private readonly ConcurrentDictionary<Task, bool> _tasks = new();
    private readonly ResponseRouter _subOperationResponses = new();
    private readonly CancellationTokenSource _ended = new();
    private SemaphoreSlim? _performed;
    private int _messageId;

    private AssociationInfo Info => association.Info;

    private IDicomNetworkLog Log => options.Log;

    public ValueTask<IDataSetSink> OpenDataSetAsync(byte contextId, DimseCommand command, CancellationToken cancellationToken)
    {
        if (command.CommandField == DimseCommandField.CStoreRequest)
        {
            var context = Info.FindContext(contextId)!;
            var request = new StoreRequest(
                Info, contextId, command.AffectedSopClassUid, command.AffectedSopInstanceUid, context.TransferSyntax,
                command.Contains(DimseCommand.PriorityElement) ? command.Priority : (ushort)0,
                command.Contains(DimseCommand.MoveOriginatorAeTitleElement) ? command.MoveOriginatorAeTitle : null,
                command.Contains(DimseCommand.MoveOriginatorMessageIdElement) ? command.MoveOriginatorMessageId : null);
            var handler = context.AbstractSyntax == command.AffectedSopClassUid ? handlers.Store : null;
            return ValueTask.FromResult<IDataSetSink>(new StoreReception(handler, request, options.MaxDataSetLength, Log));
        }

        return ValueTask.FromResult<IDataSetSink>(new MemoryDataSetSink(options.MaxIdentifierLength));
    }

    public async ValueTask OnMessageAsync(byte contextId, DimseCommand command, IDataSetSink? dataSet, CancellationToken cancellationToken)
    {
        if (!command.IsRequest)
        {
            // C-STORE-RSP of a C-GET sub-operation we sent on this association.
            if (dataSet is not null)
            {
                await dataSet.DisposeAsync().ConfigureAwait(false);
            }

            if (!_subOperationResponses.Deliver(new DimseResponse(command, null)))
            {
                Log.Log(NetworkLogLevel.Warning, Info.Peer, $"unexpected response {command}");
            }

            return;
        }

        switch (command.CommandField)
        {
            case DimseCommandField.CEchoRequest:
                await RespondAsync(contextId, DimseMessages.Response(command, DimseStatus.Success), cancellationToken).ConfigureAwait(false);
                break;

            case DimseCommandField.CStoreRequest when dataSet is StoreReception reception:
                var response = await reception.CompleteAsync(command, cancellationToken).ConfigureAwait(false);
                await reception.DisposeAsync().ConfigureAwait(false);
                await RespondAsync(contextId, response, cancellationToken).ConfigureAwait(false);
                break;

            case DimseCommandField.CCancelRequest:
                if (_running.TryGetValue(command.MessageIdBeingRespondedTo, out var cancel))
                {
                    Log.Log(NetworkLogLevel.Information, Info.Peer, $"C-CANCEL of message {command.MessageIdBeingRespondedTo}");
                    try
                    {
                        await cancel.CancelAsync().ConfigureAwait(false);
                    }
                    catch (ObjectDisposedException)
                    {
                        // The operation finished while the C-CANCEL was on its way: nothing left to cancel (PS3.7 9.3.2.3).
                    }
                }

                break;

            case DimseCommandField.CFindRequest or DimseCommandField.CMoveRequest or DimseCommandField.CGetRequest:
                var identifier = dataSet is MemoryDataSetSink memory ? memory.ToArray() : [];
                if (dataSet is not null)
                {
                    await dataSet.DisposeAsync().ConfigureAwait(false);
                }

                Start(contextId, command, identifier);
                break;

            default:
                if (dataSet is not null)
                {
                    await dataSet.DisposeAsync().ConfigureAwait(false);
                }

                await RespondAsync(contextId, DimseMessages.Response(command, DimseStatus.UnrecognizedOperation), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private void Start(byte contextId, DimseCommand command, byte[] identifier)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(_ended.Token);
        if (!_running.TryAdd(command.MessageId, cancel))
        {
            cancel.Dispose();
            _ = RespondAsync(contextId, DimseMessages.Response(command, DimseStatus.DuplicateInvocation), CancellationToken.None);
            return;
        }

        var performed = _performed ??= new SemaphoreSlim(Math.Clamp(Info.MaxOperationsPerformed, 1, 64));
        var task = Task.Run(async () =>
        {
            var entered = false;
            try
            {
                // Operations beyond the negotiated window wait their turn (PS3.7 D.3.3.3); C-CANCEL still reaches them.
                await performed.WaitAsync(cancel.Token).ConfigureAwait(false);
                entered = true;
                await (command.CommandField switch
                {
                    DimseCommandField.CFindRequest => RunFindAsync(contextId, command, identifier, cancel.Token),
                    _ => RunRetrieveAsync(contextId, command, identifier, cancel.Token),
                }).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!entered && !_ended.IsCancellationRequested)
            {
                // Cancelled while waiting for the window: it still gets its final response.
                try
                {
                    await RespondAsync(contextId, DimseMessages.Response(command, DimseStatus.Cancel), _ended.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or DicomNetworkException or ObjectDisposedException or OperationCanceledException)
                {
                    Log.Log(NetworkLogLevel.Debug, Info.Peer, $"{command} cancel response not sent: {e.Message}");
                }
            }
            catch (Exception e) when (e is IOException or DicomNetworkException or ObjectDisposedException or OperationCanceledException)
            {
                Log.Log(NetworkLogLevel.Debug, Info.Peer, $"{command} ended early: {e.Message}");
            }
            catch (Exception e)
            {
                // A bug in a handler or here: log it whole, and still give the SCU its final response.
                Log.Log(NetworkLogLevel.Error, Info.Peer, $"{command} failed: {e}");
                try
                {
                    await RespondAsync(contextId, DimseMessages.Response(command, DimseStatus.ProcessingFailure), _ended.Token).ConfigureAwait(false);
                }
                catch (Exception inner) when (inner is IOException or DicomNetworkException or ObjectDisposedException or OperationCanceledException)
                {
                    Log.Log(NetworkLogLevel.Debug, Info.Peer, $"{command} failure response not sent: {inner.Message}");
                }
            }
            finally
            {
                if (entered)
                {
                    performed.Release();
                }

                _running.TryRemove(command.MessageId, out _);
                cancel.Dispose();
            }
        });
        _tasks.TryAdd(task, true);
        _ = task.ContinueWith(t => _tasks.TryRemove(t, out _), TaskScheduler.Default);
    }

    private bool ContextFits(byte contextId, DimseCommand command, Func<string, bool> isModel) =>
        Info.FindContext(contextId) is { } context && isModel(context.AbstractSyntax) && context.AbstractSyntax == command.AffectedSopClassUid;

    private async Task RunFindAsync(byte contextId, DimseCommand command, byte[] identifier, CancellationToken cancellationToken)
    {
        if (handlers.Find is null || !ContextFits(contextId, command, QueryRetrieveModels.IsFind))
        {
            await RespondAsync(contextId, DimseMessages.Response(command, DimseStatus.SopClassNotSupported), _ended.Token).ConfigureAwait(false);
            return;
        }

        var request = new FindRequest(Info, contextId, command.AffectedSopClassUid, Info.FindContext(contextId)!.TransferSyntax, identifier,
            command.Contains(DimseCommand.PriorityElement) ? command.Priority : (ushort)0);
        DimseStatus final;
        string? comment = null;
        var matches = 0;
        try
        {
            await foreach (var match in handlers.Find.FindAsync(request, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var pending = DimseMessages.Response(command, match.OptionalKeysUnsupported ? DimseStatus.PendingWithWarning : DimseStatus.Pending);
                await association.SendMessageAsync(contextId, pending, match.Identifier, _ended.Token).ConfigureAwait(false);
                matches++;
            }

            final = DimseStatus.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !_ended.IsCancellationRequested)
        {
            final = DimseStatus.Cancel;
        }
        catch (Exception e) when (e is not OperationCanceledException and not IOException)
        {
            (final, comment) = Classify(e, "C-FIND");
        }

        Log.Log(NetworkLogLevel.Information, Info.Peer, $"C-FIND {request.Keys.QueryRetrieveLevel}: {matches} matches, {final}");
        var response = DimseMessages.Response(command, final);
        response.ErrorComment = comment;
        await RespondAsync(contextId, response, _ended.Token).ConfigureAwait(false);
    }

    private (DimseStatus, string?) Classify(Exception e, string operation)
    {
        switch (e)
        {
            case DimseStatusException status:
                return (status.Status, status.Message);
            case DicomException:
                return (DimseStatus.CannotUnderstand, e.Message);
            default:
                Log.Log(NetworkLogLevel.Error, Info.Peer, $"{operation} handler failed: {e}");
                return (DimseStatus.CannotUnderstand, "internal error");
        }
    }

    private Task RespondAsync(byte contextId, DimseCommand response, CancellationToken cancellationToken) =>
        association.SendMessageAsync(contextId, response, (Stream?)null, cancellationToken);

    private ushort NextMessageId()
    {
        while (true)
        {
            var id = (ushort)Interlocked.Increment(ref _messageId);
            if (id != 0)
            {
                return id;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _ended.CancelAsync().ConfigureAwait(false);
        _subOperationResponses.FailAll(new DicomNetworkException("association ended"));
        try
        {
            await Task.WhenAll(_tasks.Keys).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.Log(NetworkLogLevel.Warning, Info.Peer, "operations still running after the association ended");
        }

        _ended.Dispose();
        _performed?.Dispose();
    }
}
