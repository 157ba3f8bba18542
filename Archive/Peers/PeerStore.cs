using Npgsql;

namespace CloudFilm.Archive.Peers;

/// <summary>The <c>dicom_peers</c> table: read by every DicomNode for access control, managed through the Api.</summary>
public sealed class PeerStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<DicomPeer>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT ae_title, ip_address, port, description, created_at FROM dicom_peers ORDER BY ae_title, ip_address");
        var peers = new List<DicomPeer>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            peers.Add(new DicomPeer(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return peers;
    }

    /// <summary>Adds the peer or updates its port and description. True when it was new.</summary>
    public async Task<bool> UpsertAsync(DicomPeer peer, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO dicom_peers (ae_title, ip_address, port, description, created_at) VALUES (@ae, @ip, @port, @description, @at)
            ON CONFLICT (ae_title, ip_address) DO UPDATE SET port = EXCLUDED.port, description = EXCLUDED.description
            RETURNING (xmax = 0)
            """);
        command.Parameters.AddWithValue("ae", peer.AeTitle);
        command.Parameters.AddWithValue("ip", peer.IpAddress);
        command.Parameters.Add(new NpgsqlParameter("port", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)peer.Port ?? DBNull.Value });
        command.Parameters.AddWithValue("description", peer.Description);
        command.Parameters.AddWithValue("at", peer.CreatedAt);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<bool> DeleteAsync(string aeTitle, string ipAddress, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM dicom_peers WHERE ae_title = @ae AND ip_address = @ip");
        command.Parameters.AddWithValue("ae", aeTitle);
        command.Parameters.AddWithValue("ip", ipAddress);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
