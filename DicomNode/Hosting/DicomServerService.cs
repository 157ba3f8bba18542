using System.Net;
using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.DicomNode.Access;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudFilm.DicomNode.Hosting;

/// <summary>Runs the DICOM listener for the lifetime of the host.</summary>
public sealed class DicomServerService(
    IOptions<DicomNodeOptions> options,
    PeerDirectory peers,
    MoveDestinations moveDestinations,
    DicomServiceHandlers handlers,
    ILogger<DicomServerService> logger) : IHostedService, IAsyncDisposable
{
    private DicomServer? _server;

    /// <summary>Where the listener is (the port when 0 was configured).</summary>
    public IPEndPoint LocalEndPoint => _server?.LocalEndPoint ?? throw new InvalidOperationException("the DICOM listener is not started");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        _server = new DicomServer(new DicomServerOptions
        {
            AeTitle = o.AeTitle,
            BindAddress = IPAddress.Parse(o.BindAddress),
            Port = o.Port,
            MaxAssociations = o.MaxAssociations,
            Policy = new PeerPolicy(peers, o.AeTitle),
            MoveDestinations = moveDestinations,
            Log = new NetworkLogAdapter(logger),
        }, handlers);
        _server.Start();
        logger.LogInformation("DICOM services listening on {EndPoint} as {AeTitle}", _server.LocalEndPoint, o.AeTitle);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private sealed class NetworkLogAdapter(ILogger logger) : IDicomNetworkLog
    {
        public void Log(NetworkLogLevel level, string peer, string message) =>
            logger.Log(level switch
            {
                NetworkLogLevel.Error => LogLevel.Error,
                NetworkLogLevel.Warning => LogLevel.Warning,
                NetworkLogLevel.Information => LogLevel.Information,
                _ => LogLevel.Debug,
            }, "{Peer} {Message}", peer, message);
    }
}
