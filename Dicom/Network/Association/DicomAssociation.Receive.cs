using System.Buffers;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Pdus;

namespace CloudFilm.Dicom.Network.Association;

public sealed partial class DicomAssociation
{
    /// <summary>Largest command set accepted; real ones are a few hundred bytes.</summary>
    private const int MaxCommandLength = 64 * 1024;

    private TaskCompletionSource? _releaseConfirmed;

    /// <summary>
    /// Runs the receive side of an established association until it is released, aborted or lost: reassembles
    /// DIMSE messages from P-DATA-TF (PS3.8 Annex E) and hands them to <paramref name="target"/>, answers
    /// A-RELEASE-RQ, and aborts on protocol errors or when nothing arrives within the idle timeout.
    /// </summary>
    public async Task<AssociationEnd> RunAsync(IDimseMessageTarget target, CancellationToken cancellationToken)
    {
        var command = new ArrayBufferWriter<byte>(512);
        DimseCommand? pending = null;
        IDataSetSink? sink = null;
        byte sinkContext = 0;
        using var watchdogStop = new CancellationTokenSource();
        // One linked token for the whole loop: a linked source per PDU costs more than a 16 KB P-DATA-TF's copy.
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Lifetime);
        var watchdog = WatchIdleAsync(watchdogStop.Token);
        try
        {
            while (true)
            {
                using var received = await ReadPduAsync(receiving.Token).ConfigureAwait(false);
                if (received is null)
                {
                    var action = Fire(AssociationEvent.TransportClosed);
                    if (action == AssociationAction.AA4)
                    {
                        Log.Log(NetworkLogLevel.Warning, Peer, "connection closed by the peer without release or abort");
                    }

                    End(AssociationEnd.ConnectionLost);
                    return await FinishAsync().ConfigureAwait(false);
                }

                switch (received.Type)
                {
                    case PduType.DataTransfer:
                        var verdict = await AcceptPduAsync(AssociationEvent.DataReceived).ConfigureAwait(false);
                        if (verdict == PduVerdict.Stop)
                        {
                            return await FinishAsync().ConfigureAwait(false);
                        }

                        if (verdict == PduVerdict.Ignore)
                        {
                            break;
                        }

                        foreach (var value in DataTransferPdu.Enumerate(received.Body))
                        {
                            if (Info.FindContext(value.PresentationContextId) is not { IsAccepted: true })
                            {
                                throw new DicomNetworkException(
                                    $"P-DATA on presentation context {value.PresentationContextId}, which was not accepted",
                                    AbortReason.InvalidPduParameterValue);
                            }

                            if (value.IsCommand)
                            {
                                if (sink is not null)
                                {
                                    throw new DicomNetworkException("command fragment received while a data set was expected", AbortReason.UnexpectedPduParameter);
                                }

                                if (command.WrittenCount + value.Data.Length > MaxCommandLength)
                                {
                                    throw new DicomNetworkException($"DIMSE command longer than {MaxCommandLength} bytes", AbortReason.InvalidPduParameterValue);
                                }

                                command.Write(value.Data.Span);
                                if (!value.IsLast)
                                {
                                    continue;
                                }

                                pending = DimseCommand.Decode(command.WrittenSpan);
                                command.ResetWrittenCount();
                                if (pending.HasDataSet)
                                {
                                    sink = await target.OpenDataSetAsync(value.PresentationContextId, pending, cancellationToken).ConfigureAwait(false);
                                    sinkContext = value.PresentationContextId;
                                }
                                else
                                {
                                    var message = pending;
                                    pending = null;
                                    await target.OnMessageAsync(value.PresentationContextId, message, null, cancellationToken).ConfigureAwait(false);
                                }
                            }
                            else
                            {
                                if (sink is null || pending is null || value.PresentationContextId != sinkContext)
                                {
                                    throw new DicomNetworkException("data set fragment without a command announcing it", AbortReason.UnexpectedPduParameter);
                                }

                                await sink.WriteAsync(value.Data, cancellationToken).ConfigureAwait(false);
                                if (value.IsLast)
                                {
                                    var (message, data) = (pending, sink);
                                    (pending, sink) = (null, null);
                                    await target.OnMessageAsync(sinkContext, message, data, cancellationToken).ConfigureAwait(false);
                                }
                            }
                        }

                        break;

                    case PduType.ReleaseRequest:
                        ReleaseRequestPdu.Parse(received.Body.Span);
                        var onRelease = Fire(AssociationEvent.ReleaseRequestReceived);
                        if (onRelease == AssociationAction.AR2 || (onRelease == AssociationAction.AR8 && _machine.IsRequestor))
                        {
                            // AR-2: we answer at once (no local user decision). AR-8 on the requestor: collision, answer too.
                            var answer = Fire(AssociationEvent.LocalReleaseResponse);
                            await SendPduAsync(ReleaseResponsePdu.Instance, cancellationToken).ConfigureAwait(false);
                            if (answer == AssociationAction.AR4)
                            {
                                Log.Log(NetworkLogLevel.Debug, Peer, "released by the peer");
                                End(AssociationEnd.Released);
                                await AwaitPeerCloseAsync().ConfigureAwait(false);
                                return await FinishAsync().ConfigureAwait(false);
                            }
                        }
                        else if (onRelease == AssociationAction.AA8)
                        {
                            await AbortForProtocolErrorAsync(AbortReason.UnexpectedPdu, "unexpected A-RELEASE-RQ").ConfigureAwait(false);
                            return await FinishAsync().ConfigureAwait(false);
                        }

                        break;

                    case PduType.ReleaseResponse:
                        ReleaseResponsePdu.Parse(received.Body.Span);
                        var onResponse = Fire(AssociationEvent.ReleaseResponseReceived);
                        if (onResponse == AssociationAction.AR3)
                        {
                            End(AssociationEnd.Released);
                            _releaseConfirmed?.TrySetResult();
                            await CloseAsync().ConfigureAwait(false);
                            return await FinishAsync().ConfigureAwait(false);
                        }

                        if (onResponse == AssociationAction.AR10)
                        {
                            _releaseConfirmed?.TrySetResult();
                            Fire(AssociationEvent.LocalReleaseResponse);
                            await SendPduAsync(ReleaseResponsePdu.Instance, cancellationToken).ConfigureAwait(false);
                            End(AssociationEnd.Released);
                            await AwaitPeerCloseAsync().ConfigureAwait(false);
                            return await FinishAsync().ConfigureAwait(false);
                        }

                        await AbortForProtocolErrorAsync(AbortReason.UnexpectedPdu, "unexpected A-RELEASE-RP").ConfigureAwait(false);
                        return await FinishAsync().ConfigureAwait(false);

                    case PduType.Abort:
                        var abort = AbortPdu.Parse(received.Body.Span);
                        Fire(AssociationEvent.AbortReceived);
                        Log.Log(NetworkLogLevel.Warning, Peer, $"aborted by the peer (source {(byte)abort.Source}, reason {(byte)abort.Reason})");
                        End(AssociationEnd.AbortedByPeer);
                        await CloseAsync().ConfigureAwait(false);
                        return await FinishAsync().ConfigureAwait(false);

                    default:
                        var evt = received.Type switch
                        {
                            PduType.AssociateRequest => AssociationEvent.AssociateRequestReceived,
                            PduType.AssociateAccept => AssociationEvent.AssociateAcceptReceived,
                            _ => AssociationEvent.AssociateRejectReceived,
                        };
                        if (await AcceptPduAsync(evt).ConfigureAwait(false) == PduVerdict.Stop)
                        {
                            return await FinishAsync().ConfigureAwait(false);
                        }

                        break;
                }
            }
        }
        catch (DicomException e) when (e is DicomNetworkException or DicomFormatException)
        {
            var reason = e is DicomNetworkException n ? n.AbortReason : AbortReason.InvalidPduParameterValue;
            await AbortForProtocolErrorAsync(reason, e.Message).ConfigureAwait(false);
            return await FinishAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            if (!_ended.Task.IsCompleted)
            {
                Log.Log(NetworkLogLevel.Warning, Peer, $"connection lost: {e.Message}");
                TryFire(AssociationEvent.TransportClosed, out _);
            }

            End(AssociationEnd.ConnectionLost);
            await CloseAsync().ConfigureAwait(false);
            return await FinishAsync().ConfigureAwait(false);
        }
        finally
        {
            await watchdogStop.CancelAsync().ConfigureAwait(false);
            await watchdog.ConfigureAwait(false);
            if (sink is not null)
            {
                await sink.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Aborts the association when nothing has been sent or received for <see cref="AssociationTimeouts.Idle"/>.
    /// Traffic either way counts, so an SCP streaming a long C-MOVE's responses is not idle although its peer is silent.
    /// Watching from the side avoids cancelling reads, which a TLS stream does not survive.
    /// </summary>
    private async Task WatchIdleAsync(CancellationToken stop)
    {
        if (Timeouts.Idle == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var idleMs = (long)Timeouts.Idle.TotalMilliseconds;
        var period = TimeSpan.FromMilliseconds(Math.Clamp(idleMs / 4, 20, 5000));
        try
        {
            while (true)
            {
                await Task.Delay(period, stop).ConfigureAwait(false);
                var quiet = Environment.TickCount64 - Interlocked.Read(ref _lastActivity);
                if (quiet >= idleMs)
                {
                    Log.Log(NetworkLogLevel.Warning, Peer, $"aborting: idle, nothing sent or received for {quiet / 1000.0:0.#} s");
                    End(AssociationEnd.AbortedLocally);
                    if (TryFire(AssociationEvent.LocalAbort, out var action) && action == AssociationAction.AA1)
                    {
                        await TrySendAsync(new AbortPdu(AbortSource.ServiceProvider, AbortReason.NotSpecified)).ConfigureAwait(false);
                    }

                    await CloseAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private enum PduVerdict
    {
        Process,
        Ignore,
        Stop,
    }

    /// <summary>Fires a PDU event; on AA-8 (or AA-1) sends the abort the table demands. AA-6 (Sta13) ignores the PDU.</summary>
    /// <remarks>Synchronous for the usual verdicts: this runs once per P-DATA-TF.</remarks>
    private ValueTask<PduVerdict> AcceptPduAsync(AssociationEvent evt) => Fire(evt) switch
    {
        AssociationAction.DT2 or AssociationAction.AR6 => ValueTask.FromResult(PduVerdict.Process),
        AssociationAction.AA6 => ValueTask.FromResult(PduVerdict.Ignore),
        _ => new ValueTask<PduVerdict>(AbortForUnexpectedPduAsync(evt)),
    };

    private async Task<PduVerdict> AbortForUnexpectedPduAsync(AssociationEvent evt)
    {
        Log.Log(NetworkLogLevel.Warning, Peer, $"unexpected PDU ({evt}) in this state, aborting");
        await TrySendAsync(new AbortPdu(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu)).ConfigureAwait(false);
        End(AssociationEnd.AbortedLocally);
        await CloseAsync().ConfigureAwait(false);
        return PduVerdict.Stop;
    }

    private async Task AbortForProtocolErrorAsync(AbortReason reason, string message)
    {
        Log.Log(NetworkLogLevel.Warning, Peer, $"aborting: {message}");
        End(AssociationEnd.AbortedLocally);
        if (TryFire(AssociationEvent.InvalidPduReceived, out var action) && action is AssociationAction.AA8 or AssociationAction.AA1 or AssociationAction.AA7)
        {
            await TrySendAsync(new AbortPdu(AbortSource.ServiceProvider, reason)).ConfigureAwait(false);
        }

        End(AssociationEnd.AbortedLocally);
        await CloseAsync().ConfigureAwait(false);
    }

    private async Task<AssociationEnd> FinishAsync()
    {
        _releaseConfirmed?.TrySetException(new DicomNetworkException("association ended before the release was confirmed"));
        await CloseAsync().ConfigureAwait(false);
        return await _ended.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Releases the association in order (A-RELEASE, PS3.8 7.2) and waits for the peer's answer, which the receive
    /// loop delivers. Handles a release collision (both sides releasing at once, PS3.8 9.2.3 AR-8).
    /// </summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        var confirmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _releaseConfirmed = confirmed;
        if (!TryFire(AssociationEvent.LocalReleaseRequest, out _))
        {
            throw new DicomNetworkException($"cannot release: association is in state Sta{(int)State}");
        }

        await SendPduAsync(ReleaseRequestPdu.Instance, cancellationToken).ConfigureAwait(false);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(Timeouts.Artim);
        try
        {
            await confirmed.Task.WaitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Log(NetworkLogLevel.Warning, Peer, "no A-RELEASE-RP within ARTIM, aborting");
            await AbortAsync().ConfigureAwait(false);
            throw new DicomNetworkException("peer did not answer A-RELEASE-RQ in time");
        }
    }
}
