using System.Collections;
using System.Diagnostics.CodeAnalysis;
using CloudFilm.Dicom.Network.Services;

namespace CloudFilm.DicomNode.Access;

/// <summary>C-MOVE destinations as the toolkit asks for them: the peers that have a port (PS3.4 C.4.2.1).</summary>
public sealed class MoveDestinations(PeerDirectory peers) : IReadOnlyDictionary<string, RemoteApplicationEntity>
{
    private IEnumerable<KeyValuePair<string, RemoteApplicationEntity>> Entries =>
        peers.Snapshot.Where(p => p.Port is not null)
            .GroupBy(p => p.AeTitle, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, RemoteApplicationEntity>(g.Key, new RemoteApplicationEntity(g.Key, g.First().IpAddress, g.First().Port!.Value)));

    public RemoteApplicationEntity this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => Entries.Select(e => e.Key);

    public IEnumerable<RemoteApplicationEntity> Values => Entries.Select(e => e.Value);

    public int Count => Entries.Count();

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out RemoteApplicationEntity value)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
            {
                value = entry.Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, RemoteApplicationEntity>> GetEnumerator() => Entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
