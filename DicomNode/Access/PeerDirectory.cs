using CloudFilm.Archive.Peers;
using CloudFilm.Dicom.Network.Services;

namespace CloudFilm.DicomNode.Access;

/// <summary>The peers table, cached briefly: read on every association request and every C-MOVE.</summary>
public sealed class PeerDirectory(PeerStore store, TimeProvider clock, TimeSpan cacheDuration)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (IReadOnlyList<DicomPeer> Peers, DateTimeOffset At)? _cached;

    public async ValueTask<IReadOnlyList<DicomPeer>> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } fresh && clock.GetUtcNow() - fresh.At < cacheDuration)
        {
            return fresh.Peers;
        }
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && clock.GetUtcNow() - again.At < cacheDuration)
            {
                return again.Peers;
            }
            var peers = await store.ListAsync(cancellationToken);
            _cached = (peers, clock.GetUtcNow());
            return peers;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>
    /// The list as last read. Every association request reads the list first (<see cref="PeerPolicy"/>), so during an
    /// association this is at most one cache period old.
    /// </summary>
    public IReadOnlyList<DicomPeer> Snapshot => _cached?.Peers ?? [];

    /// <summary>A C-MOVE destination: a peer with this AE title that has a port.</summary>
    public async ValueTask<RemoteApplicationEntity?> FindDestinationAsync(string aeTitle, CancellationToken cancellationToken)
    {
        var peer = (await GetAsync(cancellationToken)).FirstOrDefault(p => p.AeTitle == aeTitle && p.Port is not null);
        return peer is null ? null : new RemoteApplicationEntity(peer.AeTitle, peer.IpAddress, peer.Port!.Value);
    }
}
