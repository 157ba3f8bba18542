using CloudFilm.Dicom.Network.Dimse;

namespace CloudFilm.Dicom.Network.Services;

/// <summary>
/// Receives one C-STORE data set on behalf of a host <see cref="IStoreHandler"/>: enforces the maximum data set
/// size without buffering, turns handler failures into PS3.4 B.2.3 statuses (A7xx out of resources, Cxxx cannot
/// understand) and keeps draining the fragments of a refused instance so the association stays usable.
/// </summary>
internal sealed class StoreReception : IDataSetSink
{
    private readonly IStoreHandler? _handler;
    private readonly StoreRequest _request;
    private readonly long _maxLength;
    private readonly IDicomNetworkLog _log;
    private IStoreSink? _sink;
    private long _received;
    private StoreOutcome? _failure;
    private bool _started;

    public StoreReception(IStoreHandler? handler, StoreRequest request, long maxLength, IDicomNetworkLog log)
    {
        _handler = handler;
        _request = request;
        _maxLength = maxLength;
        _log = log;
        if (handler is null)
        {
            _failure = new StoreOutcome(DimseStatus.SopClassNotSupported, "no storage service here");
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
    {
        _received += fragment.Length;
        if (_failure is not null)
        {
            return;
        }

        if (_received > _maxLength)
        {
            await FailAsync(new StoreOutcome(DimseStatus.OutOfResources, $"data set larger than {_maxLength} bytes")).ConfigureAwait(false);
            return;
        }

        try
        {
            if (!_started)
            {
                _started = true;
                _sink = await _handler!.BeginStoreAsync(_request, cancellationToken).ConfigureAwait(false);
            }

            await _sink!.WriteAsync(fragment, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await FailAsync(Classify(e)).ConfigureAwait(false);
        }
    }

    /// <summary>All fragments arrived: asks the handler for the final status and builds the C-STORE-RSP.</summary>
    public async ValueTask<DimseCommand> CompleteAsync(DimseCommand request, CancellationToken cancellationToken)
    {
        StoreOutcome outcome;
        if (_failure is not null)
        {
            outcome = _failure;
        }
        else
        {
            try
            {
                if (!_started)
                {
                    _sink = await _handler!.BeginStoreAsync(_request, cancellationToken).ConfigureAwait(false);
                }

                outcome = await _sink!.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcome = Classify(e);
                await DisposeSinkAsync().ConfigureAwait(false);
            }
        }

        if (!outcome.Status.IsSuccess)
        {
            _log.Log(outcome.Status.IsSuccessOrWarning ? NetworkLogLevel.Information : NetworkLogLevel.Warning, _request.Association.Peer,
                $"C-STORE {_request.SopInstanceUid}: {outcome.Status} {outcome.ErrorComment}");
        }

        var response = DimseMessages.Response(request, outcome.Status);
        response.ErrorComment = outcome.Status.IsSuccess ? null : outcome.ErrorComment;
        return response;
    }

    private StoreOutcome Classify(Exception e) => e switch
    {
        DimseStatusException status => new StoreOutcome(status.Status, status.Message),
        IOException => new StoreOutcome(DimseStatus.OutOfResources, e.Message),
        DicomException => new StoreOutcome(DimseStatus.CannotUnderstand, e.Message),
        _ => LogBug(e),
    };

    private StoreOutcome LogBug(Exception e)
    {
        _log.Log(NetworkLogLevel.Error, _request.Association.Peer, $"store handler failed: {e}");
        return new StoreOutcome(DimseStatus.ProcessingFailure, "internal error");
    }

    private async Task FailAsync(StoreOutcome outcome)
    {
        _failure = outcome;
        await DisposeSinkAsync().ConfigureAwait(false);
    }

    private async Task DisposeSinkAsync()
    {
        var sink = _sink;
        _sink = null;
        if (sink is not null)
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await DisposeSinkAsync().ConfigureAwait(false);
}
