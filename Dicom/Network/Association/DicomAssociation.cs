using System.IO.Pipelines;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Pdus;

namespace CloudFilm.Dicom.Network.Association;

/// <summary>
/// One DICOM association over a connected stream (TCP, or TLS over TCP): the PS3.8 upper layer state machine,
/// PDU transport with one write per PDU, fragmentation of DIMSE messages into P-DATA-TF within the peer's
/// maximum PDU length, and the receive loop that reassembles messages (PS3.8 9, Annex E). Both the requestor
/// (<see cref="Services.DicomClient"/>) and the acceptor (<see cref="Services.DicomServer"/>) are built on it.
/// </summary>
public sealed partial class DicomAssociation : IAsyncDisposable
{
    /// <summary>Fragment size used when the peer sets no limit (maximum length 0).</summary>
    public const int UnlimitedPeerFragmentLength = 256 * 1024;

    private readonly Stream _stream;
    private readonly PipeReader _pipe;
    private readonly PduReader _reader;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _machineLock = new();
    private readonly AssociationStateMachine _machine;
    private readonly TaskCompletionSource<AssociationEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lifetime = new();
    private AssociationInfo? _info;
    private int _disposed;
    private long _lastActivity = Environment.TickCount64;

    internal DicomAssociation(Stream stream, bool isRequestor, AssociationTimeouts timeouts, IDicomNetworkLog log, string peer, uint maxReceivePduLength)
    {
        _stream = stream;
        // The default 4 KB reads would take several socket reads per P-DATA-TF; 64 KB buffers take a 16 KB PDU (the
        // common maximum) or more in one read.
        _pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        _reader = new PduReader(_pipe, maxReceivePduLength);
        _machine = new AssociationStateMachine(isRequestor);
        Timeouts = timeouts;
        Log = log;
        Peer = peer;
    }

    public AssociationTimeouts Timeouts { get; }

    public IDicomNetworkLog Log { get; }

    /// <summary>Label used in log lines; becomes "CALLING->CALLED@address" once the request is known.</summary>
    public string Peer { get; internal set; }

    public AssociationInfo Info => _info ?? throw new InvalidOperationException("association not established yet");

    public AssociationState State
    {
        get
        {
            lock (_machineLock)
            {
                return _machine.State;
            }
        }
    }

    /// <summary>Completes when the association has ended, with how it ended.</summary>
    public Task<AssociationEnd> Completion => _ended.Task;

    internal PduReader Reader => _reader;

    internal void SetInfo(AssociationInfo info)
    {
        _info = info;
        Peer = info.Peer;
        // Accept what we announced; a little slack covers peers that count the PDV header differently.
        _reader.MaxPduLength = info.LocalMaxPduLength == 0 ? uint.MaxValue : info.LocalMaxPduLength + 64;
    }

    internal AssociationAction Fire(AssociationEvent evt)
    {
        lock (_machineLock)
        {
            return _machine.Fire(evt);
        }
    }

    internal bool TryFire(AssociationEvent evt, out AssociationAction action)
    {
        lock (_machineLock)
        {
            if (_machine.Allows(evt))
            {
                action = _machine.Fire(evt);
                return true;
            }

            action = default;
            return false;
        }
    }

    /// <summary>Encodes <paramref name="pdu"/> and sends it in one write.</summary>
    internal async Task SendPduAsync(Pdu pdu, CancellationToken cancellationToken)
    {
        using var buffer = new PduBuffer();
        pdu.WriteTo(buffer);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(buffer.Written, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            MarkActivity();
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private CancellationToken Lifetime => _lifetime.Token;

    /// <summary>Reads one PDU with no time limit, until <paramref name="token"/> (which must follow the association's lifetime) fires.</summary>
    private async ValueTask<ReceivedPdu?> ReadPduAsync(CancellationToken token)
    {
        try
        {
            var pdu = await _reader.ReadAsync(token).ConfigureAwait(false);
            MarkActivity();
            return pdu;
        }
        catch (InvalidOperationException) when (Volatile.Read(ref _disposed) == 1)
        {
            // The pipe was completed by a concurrent close (abort, idle watchdog) between two reads.
            throw new ObjectDisposedException(nameof(DicomAssociation));
        }
    }

    /// <summary>Reads one PDU, giving up after <paramref name="timeout"/>; null when the peer closed cleanly.</summary>
    internal async Task<ReceivedPdu?> ReadPduAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            timer.CancelAfter(timeout);
        }

        try
        {
            var pdu = await _reader.ReadAsync(timer.Token).ConfigureAwait(false);
            MarkActivity();
            return pdu;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_lifetime.IsCancellationRequested)
        {
            throw new TimeoutException($"no PDU from the peer within {timeout.TotalSeconds:0.#} s");
        }
        catch (InvalidOperationException) when (Volatile.Read(ref _disposed) == 1)
        {
            // The pipe was completed by a concurrent close (abort, idle watchdog) between two reads.
            throw new ObjectDisposedException(nameof(DicomAssociation));
        }
    }

    /// <summary>
    /// Sends a DIMSE message (PS3.7 6.3): the command, then the data set from <paramref name="dataSet"/> if given,
    /// each split into P-DATA-TF PDUs no longer than the peer accepts. The data set is read straight into the
    /// outgoing PDU buffer, one fragment at a time.
    /// </summary>
    public async Task SendMessageAsync(byte contextId, DimseCommand command, Stream? dataSet, CancellationToken cancellationToken)
    {
        command.HasDataSet = dataSet is not null;
        var commandBytes = command.Encode();
        var maxData = MaxFragmentLength;
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = false;
        try
        {
            using var buffer = new PduBuffer(Math.Min(maxData, commandBytes.Length) + 2 * PresentationDataValue.Overhead);
            for (var offset = 0; offset < commandBytes.Length; offset += maxData)
            {
                var count = Math.Min(maxData, commandBytes.Length - offset);
                var last = offset + count == commandBytes.Length;
                buffer.Clear();
                BeginDataPdu(buffer, contextId, isCommand: true, last, count);
                buffer.WriteBytes(commandBytes.AsSpan(offset, count));
                started = true;
                await WriteDataPduAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            if (dataSet is not null)
            {
                await SendDataSetAsync(buffer, contextId, dataSet, maxData, cancellationToken).ConfigureAwait(false);
            }

            started = false;
        }
        finally
        {
            _sendLock.Release();
            if (started)
            {
                // Half a message is on the wire (cancelled, or the data set could not be read): nothing can follow it
                // on this association, so abort it rather than confuse the peer.
                Log.Log(NetworkLogLevel.Warning, Peer, $"aborting: {command} could not be sent whole");
                await AbortAsync(AbortSource.ServiceUser).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends a DIMSE message whose data set is already in memory.</summary>
    public async Task SendMessageAsync(byte contextId, DimseCommand command, ReadOnlyMemory<byte> dataSet, CancellationToken cancellationToken)
    {
        using var stream = new ReadOnlyMemoryStream(dataSet);
        await SendMessageAsync(contextId, command, stream, cancellationToken).ConfigureAwait(false);
    }

    private int MaxFragmentLength
    {
        get
        {
            var peerMax = Info.PeerMaxPduLength;
            return peerMax == 0 || peerMax > UnlimitedPeerFragmentLength + PresentationDataValue.Overhead
                ? UnlimitedPeerFragmentLength
                : Math.Max(1, (int)peerMax - PresentationDataValue.Overhead);
        }
    }

    private async Task SendDataSetAsync(PduBuffer buffer, byte contextId, Stream dataSet, int maxData, CancellationToken cancellationToken)
    {
        // One byte of look-ahead tells whether a full fragment is the last one without knowing the stream length.
        var lookAhead = new byte[1];
        var haveLookAhead = false;
        while (true)
        {
            buffer.Clear();
            BeginDataPdu(buffer, contextId, isCommand: false, last: false, maxData);
            var filled = 0;
            if (haveLookAhead)
            {
                buffer.WriteByte(lookAhead[0]);
                filled = 1;
            }

            var room = buffer.GetMemory(maxData - filled);
            var read = await dataSet.ReadAtLeastAsync(room, room.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            buffer.Advance(read);
            filled += read;
            var last = filled < maxData;
            if (!last)
            {
                haveLookAhead = await dataSet.ReadAsync(lookAhead, cancellationToken).ConfigureAwait(false) == 1;
                last = !haveLookAhead;
            }

            // Now that the real length and the last flag are known, fix the PDU and PDV headers in place.
            buffer.PatchUInt32(2, (uint)(filled + PresentationDataValue.Overhead));
            buffer.PatchUInt32(Pdu.HeaderLength, (uint)(filled + 2));
            buffer.PatchByte(Pdu.HeaderLength + 5, last ? (byte)2 : (byte)0);
            await WriteDataPduAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (last)
            {
                break;
            }
        }
    }

    private static void BeginDataPdu(PduBuffer buffer, byte contextId, bool isCommand, bool last, int dataLength)
    {
        buffer.WriteByte((byte)PduType.DataTransfer);
        buffer.WriteByte(0);
        buffer.WriteUInt32((uint)(dataLength + PresentationDataValue.Overhead));
        DataTransferPdu.WriteValueHeader(buffer, contextId, (byte)((isCommand ? 1 : 0) | (last ? 2 : 0)), dataLength);
    }

    private async Task WriteDataPduAsync(PduBuffer buffer, CancellationToken cancellationToken)
    {
        if (!TryFire(AssociationEvent.LocalData, out _))
        {
            throw new DicomNetworkException($"cannot send data: association is in state Sta{(int)State}");
        }

        await _stream.WriteAsync(buffer.Written, cancellationToken).ConfigureAwait(false);
        MarkActivity();
    }

    private void MarkActivity() => Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);

    /// <summary>Aborts the association (A-ABORT, PS3.8 7.3) and closes the connection.</summary>
    public async Task AbortAsync(AbortSource source = AbortSource.ServiceUser, AbortReason reason = AbortReason.NotSpecified)
    {
        // Recorded first: the peer closing in answer to the abort must not read as a lost connection.
        End(AssociationEnd.AbortedLocally);
        if (TryFire(AssociationEvent.LocalAbort, out var action) && action == AssociationAction.AA1)
        {
            await TrySendAsync(new AbortPdu(source, reason)).ConfigureAwait(false);
        }

        await CloseAsync().ConfigureAwait(false);
    }

    /// <summary>Sends a PDU during teardown, ignoring a connection that is already gone.</summary>
    internal async Task TrySendAsync(Pdu pdu)
    {
        try
        {
            using var timeout = new CancellationTokenSource(Timeouts.Artim);
            await SendPduAsync(pdu, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            Log.Log(NetworkLogLevel.Debug, Peer, $"could not send {pdu.Type}: {e.Message}");
        }
    }

    internal void End(AssociationEnd how) => _ended.TrySetResult(how);

    /// <summary>
    /// Waits up to ARTIM for the peer to close the connection, as PS3.8 requires after a reject, release response
    /// or abort (Sta13), then closes it ourselves.
    /// </summary>
    internal async Task AwaitPeerCloseAsync()
    {
        try
        {
            using var timer = new CancellationTokenSource(Timeouts.Artim);
            while (true)
            {
                using var pdu = await _reader.ReadAsync(timer.Token).ConfigureAwait(false);
                if (pdu is null)
                {
                    break;
                }

                // Sta13: PDUs other than A-ASSOCIATE-RQ are ignored (AA-6).
                TryFire(pdu.Type == PduType.Abort ? AssociationEvent.AbortReceived : AssociationEvent.DataReceived, out _);
                if (pdu.Type == PduType.Abort)
                {
                    break;
                }
            }

            TryFire(AssociationEvent.TransportClosed, out _);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or DicomNetworkException or ObjectDisposedException)
        {
            TryFire(AssociationEvent.ArtimExpired, out _);
        }

        await CloseAsync().ConfigureAwait(false);
    }

    internal async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _pipe.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        End(AssociationEnd.ConnectionLost);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ended.Task.IsCompleted && State is not AssociationState.Idle and not AssociationState.AwaitingTransportClose)
        {
            await AbortAsync().ConfigureAwait(false);
        }

        await CloseAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }
}
