using CloudFilm.Archive;
using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Index;
using CloudFilm.Archive.Ingest;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Dictionary;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudFilm.DicomNode.Ingest;

/// <summary>
/// Checks the blob store against the index, once a minute after start and then every
/// <see cref="ArchiveOptions.OrphanCheckInterval"/>. Ingest writes the object before its index row, so a node that
/// stops between the two leaves a complete instance nobody can find: it is indexed now (the sender was never told
/// success and may resend; that resend is then a duplicate). An object at a key no row points at any more (its
/// instance moved to another study, or a step after a commit did not finish) is removed. Objects younger than
/// <see cref="ArchiveOptions.OrphanMinimumAge"/> belong to an ingest in progress and are left alone. One node at a
/// time runs the check (a PostgreSQL advisory lock).
/// </summary>
public sealed class OrphanBlobRecovery(
    NpgsqlDataSource dataSource,
    BlobStore blobs,
    InstanceIndexWriter index,
    IngestSignals signals,
    ArchiveOptions options,
    TimeProvider clock,
    ILogger<OrphanBlobRecovery> logger) : BackgroundService
{
    // An arbitrary constant shared by every node: the key of the check's advisory lock.
    private const long CheckLockKey = 0x436C_6F75_6446_02;
    private const int BatchSize = 1000;

    public sealed record Outcome(int Checked, int Indexed, int Removed, int Unreadable);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.OrphanCheckInterval <= TimeSpan.Zero)
        {
            return;
        }
        var wait = TimeSpan.FromMinutes(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, clock, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException)
            {
                logger.LogWarning("Blob store check stopped: {Error}", e.Message);
            }
            wait = options.OrphanCheckInterval;
        }
    }

    /// <summary>One pass over the whole store; null when another node holds the check.</summary>
    public async Task<Outcome?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", lockConnection))
        {
            take.Parameters.AddWithValue("key", CheckLockKey);
            if (!(bool)(await take.ExecuteScalarAsync(cancellationToken))!)
            {
                return null;
            }
        }
        Outcome outcome;
        try
        {
            outcome = await CheckStoreAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", CheckLockKey);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
        if (outcome.Indexed + outcome.Removed + outcome.Unreadable > 0)
        {
            logger.LogWarning("Blob store check: {Checked} objects, {Indexed} indexed that had no row, {Removed} stale copies removed, {Unreadable} unreadable left in place",
                outcome.Checked, outcome.Indexed, outcome.Removed, outcome.Unreadable);
        }
        else
        {
            logger.LogInformation("Blob store check: {Checked} objects, all indexed", outcome.Checked);
        }
        return outcome;
    }

    private async Task<Outcome> CheckStoreAsync(CancellationToken cancellationToken)
    {
        var outcome = new Outcome(0, 0, 0, 0);
        var cutoff = clock.GetUtcNow().UtcDateTime - options.OrphanMinimumAge;
        var batch = new List<string>(BatchSize);
        foreach (var (key, written) in blobs.EnumerateObjects())
        {
            if (written > cutoff)
            {
                continue;
            }
            batch.Add(key);
            if (batch.Count == BatchSize)
            {
                outcome = Add(outcome, await CheckAsync(batch, cancellationToken));
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            outcome = Add(outcome, await CheckAsync(batch, cancellationToken));
        }
        return outcome;
    }

    private async Task<Outcome> CheckAsync(List<string> keys, CancellationToken cancellationToken)
    {
        // The key names the instance ("…/{study}/{sop}.dcm"): look its row up by SOP Instance UID.
        await using var command = dataSource.CreateCommand("""
            SELECT k.key, i.blob_key FROM unnest(@keys, @sops) AS k(key, sop)
            LEFT JOIN dicom_instances i ON i.sop_instance_uid = k.sop
            WHERE i.blob_key IS DISTINCT FROM k.key
            """);
        command.Parameters.AddWithValue("keys", keys.ToArray());
        command.Parameters.AddWithValue("sops", keys.Select(k => Path.GetFileNameWithoutExtension(k)).ToArray());
        var mismatched = new List<(string Key, string? RowKey)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                mismatched.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }
        int indexed = 0, removed = 0, unreadable = 0;
        foreach (var (key, rowKey) in mismatched)
        {
            if (rowKey is not null)
            {
                if (await RemoveStaleAsync(key, cancellationToken))
                {
                    removed++;
                }
            }
            else if (await IndexAsync(key, cancellationToken))
            {
                indexed++;
            }
            else
            {
                unreadable++;
            }
        }
        return new Outcome(keys.Count, indexed, removed, unreadable);
    }

    /// <summary>
    /// Removes an object its row no longer names, holding the row meanwhile: a study merge writes the new copies while
    /// it holds the rows, so a row that is locked (or moved back here) keeps its files.
    /// </summary>
    private async Task<bool> RemoveStaleAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var row = new NpgsqlCommand("SELECT blob_key FROM dicom_instances WHERE sop_instance_uid = @sop FOR UPDATE SKIP LOCKED", connection, transaction);
        row.Parameters.AddWithValue("sop", Path.GetFileNameWithoutExtension(key));
        if (await row.ExecuteScalarAsync(cancellationToken) is not string rowKey || rowKey == key)
        {
            return false;
        }
        blobs.Delete(key);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Removed {Key}: its instance is stored at {RowKey}", key, rowKey);
        return true;
    }

    private async Task<bool> IndexAsync(string key, CancellationToken cancellationToken)
    {
        var path = blobs.PathOf(key);
        InstanceRecord record;
        try
        {
            var file = InstanceAttributes.OpenStored(path);
            var sopClass = file.Meta.GetString(DicomTags.MediaStorageSOPClassUID) ?? file.Dataset.GetString(DicomTags.SOPClassUID) ?? "";
            var sopInstance = file.Meta.GetString(DicomTags.MediaStorageSOPInstanceUID) ?? file.Dataset.GetString(DicomTags.SOPInstanceUID) ?? "";
            var source = (file.Meta.GetString(DicomTags.SourceApplicationEntityTitle) ?? "").Trim();
            var stored = new FileInfo(path);
            record = InstanceAttributes.ReadStored(file, new InstanceEnvelope(
                sopClass.Trim(), sopInstance.Trim(), file.TransferSyntax.Uid, source, stored.Length, new DateTimeOffset(stored.LastWriteTimeUtc, TimeSpan.Zero)));
        }
        catch (Exception e) when (e is DicomException or InstanceRejectedException or IOException)
        {
            logger.LogWarning("Object {Key} has no index row and cannot be read ({Error}); left in place", key, e.Message);
            return false;
        }
        if (record.BlobKey != key)
        {
            logger.LogWarning("Object {Key} has no index row and does not belong at its key; left in place", key);
            return false;
        }
        var compress = ArchiveCompression.IsWanted(options, record);
        await index.WriteAsync(record, compress, cancellationToken);
        signals.InstanceIndexed(compress);
        logger.LogWarning("Indexed {SopInstanceUid}, stored at {Key} without an index row", record.SopInstanceUid, key);
        return true;
    }

    private static Outcome Add(Outcome a, Outcome b) =>
        new(a.Checked + b.Checked, a.Indexed + b.Indexed, a.Removed + b.Removed, a.Unreadable + b.Unreadable);
}
