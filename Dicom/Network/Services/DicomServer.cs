using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Pdus;

namespace CloudFilm.Dicom.Network.Services;

/// <summary>
/// A DICOM SCP listener (PS3.8 9.2 as acceptor): accepts TCP (optionally TLS) connections, negotiates each
/// association under the host's policy and limits, and serves C-ECHO, C-STORE, C-FIND, C-MOVE and C-GET through
/// the host's handlers. A misbehaving peer costs at most one bounded connection and a log line naming it; the
/// listener keeps serving the others.
/// </summary>
public sealed partial class DicomServer : IAsyncDisposable
{
    private readonly DicomServerOptions _options;
    private readonly DicomServiceHandlers _handlers;
    private readonly IAssociationPolicy _policy;
    private readonly AcceptorCapabilities _capabilities;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private Socket? _listener;
    private Task? _acceptLoop;
    private int _pending;
    private int _associations;

    public DicomServer(DicomServerOptions options, DicomServiceHandlers handlers)
    {
        _options = options;
        _handlers = handlers;
        _policy = options.Policy ?? new AeTitlePolicy { CalledAeTitles = new HashSet<string>(StringComparer.Ordinal) { options.AeTitle } };
        _capabilities = new AcceptorCapabilities
        {
            Storage = handlers.Store is not null,
            Find = handlers.Find is not null,
            Move = handlers.Move is not null,
            Get = handlers.Get is not null,
            StorageSopClasses = options.StorageSopClasses,
            PreferredTransferSyntaxes = options.PreferredTransferSyntaxes,
            AcceptAnyStorageTransferSyntax = options.AcceptAnyStorageTransferSyntax,
        };
    }

    /// <summary>The address actually bound (useful with port 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)(_listener?.LocalEndPoint ?? throw new InvalidOperationException("server not started"));

    /// <summary>Associations currently established.</summary>
    public int ActiveAssociations => Volatile.Read(ref _associations);

    /// <summary>Binds and starts accepting connections.</summary>
    public void Start()
    {
        var listener = new Socket(_options.BindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(_options.BindAddress, _options.Port));
        listener.Listen(512);
        _listener = listener;
        _acceptLoop = AcceptLoopAsync();
        _options.Log.Log(NetworkLogLevel.Information, LocalEndPoint.ToString(), $"listening as {_options.AeTitle}{(_options.Tls is null ? "" : " (TLS)")}");
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException e)
            {
                _options.Log.Log(NetworkLogLevel.Warning, LocalEndPoint.ToString(), $"accept failed: {e.Message}");
                continue;
            }

            socket.NoDelay = true;
            var peer = socket.RemoteEndPoint?.ToString() ?? "?";
            if (Interlocked.Increment(ref _pending) > _options.MaxPendingConnections)
            {
                Interlocked.Decrement(ref _pending);
                _options.Log.Log(NetworkLogLevel.Warning, peer, "too many connections negotiating at once, closing this one");
                socket.Dispose();
                continue;
            }

            var task = Task.Run(() => ServeConnectionAsync(socket, peer));
            _connections.TryAdd(task, true);
            _ = task.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeConnectionAsync(Socket socket, string peer)
    {
        var log = _options.Log;
        DicomAssociation? association = null;
        var counted = false;
        var pending = true;
        try
        {
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (_options.Tls is { } tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false, tls.ValidateClientCertificate);
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                handshake.CancelAfter(_options.Timeouts.Artim);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = tls.Certificate,
                    ClientCertificateRequired = tls.RequireClientCertificate,
                }, handshake.Token).ConfigureAwait(false);
                stream = ssl;
            }

            association = new DicomAssociation(stream, isRequestor: false, _options.Timeouts, log, peer, _options.MaxAssociateRequestLength);
            association.Fire(AssociationEvent.TransportIndication);
            var accepted = await NegotiateAsync(association, socket, peer).ConfigureAwait(false);
            Interlocked.Decrement(ref _pending);
            pending = false;
            if (!accepted)
            {
                return;
            }

            counted = true;
            await using var session = new ScpSession(association, _options, _handlers);
            var end = await association.RunAsync(session, _stopping.Token).ConfigureAwait(false);
            log.Log(end == AssociationEnd.Released ? NetworkLogLevel.Debug : NetworkLogLevel.Information, association.Peer, $"association ended: {end}");
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException or ObjectDisposedException)
        {
            log.Log(NetworkLogLevel.Warning, association?.Peer ?? peer, $"connection dropped: {e.Message}");
        }
        catch (Exception e)
        {
            log.Log(NetworkLogLevel.Error, association?.Peer ?? peer, $"unexpected error: {e}");
        }
        finally
        {
            if (pending)
            {
                Interlocked.Decrement(ref _pending);
            }

            if (counted)
            {
                Interlocked.Decrement(ref _associations);
            }

            if (association is not null)
            {
                await association.CloseAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>Stops accepting, aborts live associations and waits for their tasks.</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        try
        {
            await Task.WhenAll(_connections.Keys).WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _options.Log.Log(NetworkLogLevel.Warning, "server", "connections still open after stop");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
