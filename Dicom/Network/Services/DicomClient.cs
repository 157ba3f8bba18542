using System.Runtime.CompilerServices;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Services;

/// <summary>
/// A DICOM SCU on one association: C-ECHO, C-STORE, C-FIND, C-MOVE and C-GET requests (PS3.4 Annexes A, B, C;
/// PS3.7 9.1). Operations may overlap up to the negotiated asynchronous operations window. For C-GET, the
/// C-STORE sub-operations the SCP sends back on this association go to the <see cref="IStoreHandler"/> given
/// at connection.
/// </summary>
public sealed class DicomClient : IDimseMessageTarget, IAsyncDisposable
{
    private readonly DicomAssociation _association;
    private readonly ResponseRouter _router = new();
    private readonly IStoreHandler? _storeHandler;
    private readonly SemaphoreSlim _window;
    private readonly long _maxDataSetLength;
    private readonly CancellationTokenSource _stop = new();
    private Task<AssociationEnd>? _loop;
    private int _messageId;

    private DicomClient(DicomAssociation association, IStoreHandler? storeHandler, long maxDataSetLength)
    {
        _association = association;
        _storeHandler = storeHandler;
        _maxDataSetLength = maxDataSetLength;
        var window = Math.Clamp(association.Info.MaxOperationsInvoked, 1, 64);
        _window = new SemaphoreSlim(window, window);
    }

    /// <summary>Opens the association and starts receiving. Throws <see cref="AssociationRejectedException"/> if refused.</summary>
    public static async Task<DicomClient> ConnectAsync(AssociationRequestOptions options, CancellationToken cancellationToken,
        IStoreHandler? storeHandler = null, long maxDataSetLength = 4L * 1024 * 1024 * 1024)
    {
        var association = await AssociationRequestor.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        var client = new DicomClient(association, storeHandler, maxDataSetLength);
        client._loop = client.RunLoopAsync();
        return client;
    }

    public AssociationInfo Info => _association.Info;

    public DicomAssociation Association => _association;

    private async Task<AssociationEnd> RunLoopAsync()
    {
        var end = AssociationEnd.ConnectionLost;
        try
        {
            end = await Task.Run(() => _association.RunAsync(this, _stop.Token)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A failing store handler (C-GET) is a bug on the host side: say so, and do not leave operations waiting.
            _association.Log.Log(NetworkLogLevel.Error, _association.Peer, $"receive loop failed: {e}");
            await _association.AbortAsync().ConfigureAwait(false);
        }
        finally
        {
            _router.FailAll(new DicomNetworkException($"association with {_association.Peer} ended ({end})"));
        }

        return end;
    }

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

    /// <summary>C-ECHO (PS3.7 9.1.5): returns the status the SCP answered.</summary>
    public async Task<DimseStatus> EchoAsync(CancellationToken cancellationToken = default)
    {
        var context = Info.FindAccepted(DicomUids.Verification)
            ?? throw new DicomNetworkException("the SCP did not accept the Verification SOP class");
        var request = DimseMessages.EchoRequest(NextMessageId());
        var response = await SingleAsync(request, ct => _association.SendMessageAsync(context.Id, request, (Stream?)null, ct), cancellationToken).ConfigureAwait(false);
        return response.Status;
    }

    /// <summary>
    /// C-STORE (PS3.7 9.1.1): sends one instance's data set, read from <paramref name="dataSet"/> fragment by
    /// fragment, on a context accepted for its SOP class and transfer syntax. No transcoding is done here.
    /// </summary>
    public async Task<DimseResponse> StoreAsync(string sopClassUid, string sopInstanceUid, string transferSyntaxUid, Stream dataSet,
        CancellationToken cancellationToken = default, string? moveOriginatorAeTitle = null, ushort? moveOriginatorMessageId = null)
    {
        var context = Info.FindAccepted(sopClassUid, transferSyntaxUid)
            ?? throw new DicomNetworkException($"no accepted presentation context for {sopClassUid} in {transferSyntaxUid}");
        var request = DimseMessages.StoreRequest(NextMessageId(), sopClassUid, sopInstanceUid, 0, moveOriginatorAeTitle, moveOriginatorMessageId);
        return await SingleAsync(request, ct => _association.SendMessageAsync(context.Id, request, dataSet, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// C-FIND (PS3.4 C.4.1): yields each pending response (with its identifier) and then the final one. Cancelling
    /// <paramref name="cancellationToken"/> sends C-CANCEL; the sequence then ends with the SCP's final response.
    /// </summary>
    public IAsyncEnumerable<DimseResponse> FindAsync(string informationModelUid, ReadOnlyMemory<byte> identifier, CancellationToken cancellationToken = default)
    {
        var context = QueryContext(informationModelUid);
        var request = DimseMessages.FindRequest(NextMessageId(), informationModelUid);
        return OperationAsync(request, ct => _association.SendMessageAsync(context.Id, request, identifier, ct), cancellationToken);
    }

    /// <summary>C-MOVE (PS3.4 C.4.2): yields pending responses with sub-operation counts, then the final one.</summary>
    public IAsyncEnumerable<DimseResponse> MoveAsync(string informationModelUid, string destinationAeTitle, ReadOnlyMemory<byte> identifier,
        CancellationToken cancellationToken = default)
    {
        var context = QueryContext(informationModelUid);
        var request = DimseMessages.MoveRequest(NextMessageId(), informationModelUid, destinationAeTitle);
        return OperationAsync(request, ct => _association.SendMessageAsync(context.Id, request, identifier, ct), cancellationToken);
    }

    /// <summary>
    /// C-GET (PS3.4 C.4.3): the SCP sends the instances back on this association as C-STORE sub-operations, which
    /// go to the store handler given at connection; yields pending responses, then the final one.
    /// </summary>
    public IAsyncEnumerable<DimseResponse> GetAsync(string informationModelUid, ReadOnlyMemory<byte> identifier, CancellationToken cancellationToken = default)
    {
        var context = QueryContext(informationModelUid);
        var request = DimseMessages.GetRequest(NextMessageId(), informationModelUid);
        return OperationAsync(request, ct => _association.SendMessageAsync(context.Id, request, identifier, ct), cancellationToken);
    }

    /// <summary>Releases the association (A-RELEASE) and waits for the receive loop to finish.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        await _association.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
    }

    public Task AbortAsync() => _association.AbortAsync();

    private NegotiatedContext QueryContext(string informationModelUid) =>
        Info.FindAccepted(informationModelUid)
        ?? throw new DicomNetworkException($"the SCP did not accept the information model {informationModelUid}");

    private async Task<DimseResponse> SingleAsync(DimseCommand request, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        await foreach (var response in OperationAsync(request, send, cancellationToken).ConfigureAwait(false))
        {
            if (!response.Status.IsPending)
            {
                return response;
            }
        }

        throw new DicomNetworkException($"no final response to {request}");
    }

    private async IAsyncEnumerable<DimseResponse> OperationAsync(DimseCommand request, Func<CancellationToken, Task> send,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
        var responses = _router.Register(request.MessageId);
        var finished = false;
        var cancelSent = 0;
        try
        {
            await send(cancellationToken).ConfigureAwait(false);
            await using var onCancel = cancellationToken.Register(() => _ = SendCancelAsync(request.MessageId, ref cancelSent)).ConfigureAwait(false);
            while (true)
            {
                var response = await NextResponseAsync(responses, request).ConfigureAwait(false);
                finished = !response.Status.IsPending;
                yield return response;
                if (finished)
                {
                    yield break;
                }
            }
        }
        finally
        {
            if (!finished && request.CommandField != DimseCommandField.CStoreRequest && request.CommandField != DimseCommandField.CEchoRequest)
            {
                _ = SendCancelAsync(request.MessageId, ref cancelSent);
            }

            _router.Unregister(request.MessageId);
            _window.Release();
        }
    }

    private async Task<DimseResponse> NextResponseAsync(System.Threading.Channels.ChannelReader<DimseResponse> responses, DimseCommand request)
    {
        using var timer = new CancellationTokenSource(_association.Timeouts.DimseResponse);
        try
        {
            return await responses.ReadAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _association.Log.Log(NetworkLogLevel.Warning, _association.Peer, $"no response to {request} within the DIMSE timeout, aborting");
            await _association.AbortAsync().ConfigureAwait(false);
            throw new DicomNetworkException($"no response to {request} within {_association.Timeouts.DimseResponse.TotalSeconds:0.#} s");
        }
        catch (System.Threading.Channels.ChannelClosedException e)
        {
            throw e.InnerException as DicomNetworkException ?? new DicomNetworkException($"association ended while waiting for {request}", e);
        }
    }

    private Task SendCancelAsync(ushort messageId, ref int sent)
    {
        if (Interlocked.Exchange(ref sent, 1) == 1)
        {
            return Task.CompletedTask;
        }

        return SendCancelCoreAsync(messageId);
    }

    private async Task SendCancelCoreAsync(ushort messageId)
    {
        var context = FirstQueryContext();
        if (context is null)
        {
            return;
        }

        try
        {
            await _association.SendMessageAsync(context.Id, DimseMessages.CancelRequest(messageId), (Stream?)null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or DicomNetworkException or ObjectDisposedException)
        {
            _association.Log.Log(NetworkLogLevel.Debug, _association.Peer, $"could not send C-CANCEL: {e.Message}");
        }
    }

    private NegotiatedContext? FirstQueryContext()
    {
        foreach (var context in Info.PresentationContexts)
        {
            if (context.IsAccepted && QueryRetrieveModels.IsAny(context.AbstractSyntax))
            {
                return context;
            }
        }

        return null;
    }

    ValueTask<IDataSetSink> IDimseMessageTarget.OpenDataSetAsync(byte contextId, DimseCommand command, CancellationToken cancellationToken)
    {
        if (command.CommandField == DimseCommandField.CStoreRequest)
        {
            var context = Info.FindContext(contextId)!;
            var request = new StoreRequest(Info, contextId, command.AffectedSopClassUid, command.AffectedSopInstanceUid, context.TransferSyntax,
                command.Contains(DimseCommand.PriorityElement) ? command.Priority : (ushort)0, null, null);
            var handler = context.RequestorIsScp ? _storeHandler : null;
            return ValueTask.FromResult<IDataSetSink>(new StoreReception(handler, request, _maxDataSetLength, _association.Log));
        }

        return ValueTask.FromResult<IDataSetSink>(new MemoryDataSetSink(16 * 1024 * 1024));
    }

    async ValueTask IDimseMessageTarget.OnMessageAsync(byte contextId, DimseCommand command, IDataSetSink? dataSet, CancellationToken cancellationToken)
    {
        if (!command.IsRequest)
        {
            byte[]? data = null;
            if (dataSet is MemoryDataSetSink memory)
            {
                data = memory.ToArray();
            }

            if (dataSet is not null)
            {
                await dataSet.DisposeAsync().ConfigureAwait(false);
            }

            if (!_router.Deliver(new DimseResponse(command, data)))
            {
                _association.Log.Log(NetworkLogLevel.Debug, _association.Peer, $"response nobody waits for: {command}");
            }

            return;
        }

        DimseCommand response;
        if (command.CommandField == DimseCommandField.CStoreRequest && dataSet is StoreReception reception)
        {
            response = await reception.CompleteAsync(command, cancellationToken).ConfigureAwait(false);
            await reception.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            if (dataSet is not null)
            {
                await dataSet.DisposeAsync().ConfigureAwait(false);
            }

            response = DimseMessages.Response(command,
                command.CommandField == DimseCommandField.CEchoRequest ? DimseStatus.Success : DimseStatus.UnrecognizedOperation);
        }

        await _association.SendMessageAsync(contextId, response, (Stream?)null, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _association.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
        _window.Dispose();
    }
}
