using CloudFilm.Archive;
using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Ingest;
using CloudFilm.Dicom;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudFilm.DicomNode.Ingest;

/// <summary>
/// Compresses stored copies to JPEG-LS lossless (PS3.5 A.4.3) off the acknowledgement path, from the durable queue
/// <c>dicom_compression_queue</c>. Each lane (one per processor unless configured) takes one row at a time with
/// FOR UPDATE SKIP LOCKED, so any number of lanes and nodes share the queue; the compressed file replaces the stored
/// one atomically (temp + fsync + rename) and the instance row and queue row change in the same transaction. The
/// instance row stays locked while it is compressed, so a replacing resend's index write waits and then queues its
/// own copy; the blob is swapped only if it is still the copy we read (<see cref="BlobStore.ReplaceIfUnchanged"/>),
/// otherwise the newer copy is compressed next. A crash anywhere leaves either the original or the compressed file,
/// both complete and each naming its own transfer syntax; the row is retried.
/// </summary>
public sealed class CompressionWorker(
    NpgsqlDataSource dataSource,
    BlobStore blobs,
    IngestSignals signals,
    ArchiveOptions options,
    ILogger<CompressionWorker> logger) : BackgroundService
{
    private const int MaxAttempts = 5;

    /// <summary>Runs after the compressed copy is written and before it replaces the stored one (tests interleave a resend here).</summary>
    internal Action<string>? BeforeReplace { get; set; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = options.CompressionWorkers > 0 ? options.CompressionWorkers : Environment.ProcessorCount;
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => CompressLoopAsync(stoppingToken), CancellationToken.None)));
    }

    /// <summary>One compression lane; the lanes share the queue through SKIP LOCKED like separate nodes do.</summary>
    private async Task CompressLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await YieldToIngestAsync(stoppingToken);
                if (!await CompressNextAsync(stoppingToken))
                {
                    await signals.WaitForCompressionWorkAsync(TimeSpan.FromSeconds(5), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException e)
            {
                logger.LogWarning("Compression queue unavailable: {Error}", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    /// <summary>
    /// Acknowledging instances comes first: while a burst is arriving (an instance indexed within the quiet period),
    /// compression waits, so the CPU goes to the C-STOREs; it catches up when the modality pauses. It never waits
    /// longer than the maximum deferral, so a node that never goes quiet still compresses.
    /// </summary>
    private async Task YieldToIngestAsync(CancellationToken cancellationToken)
    {
        var waitingSince = Environment.TickCount64;
        while (signals.SinceLastInstance < options.CompressionQuietPeriod
               && TimeSpan.FromMilliseconds(Environment.TickCount64 - waitingSince) < options.CompressionMaxDeferral)
        {
            var remaining = options.CompressionQuietPeriod - signals.SinceLastInstance;
            await Task.Delay(remaining > TimeSpan.FromMilliseconds(10) ? remaining : TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    /// <summary>Compresses one queued instance; false when the queue had nothing due.</summary>
    public async Task<bool> CompressNextAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string sop, key;
        int attempts;
        await using (var take = new NpgsqlCommand("""
            SELECT q.sop_instance_uid, i.blob_key, q.attempts FROM dicom_compression_queue q
            JOIN dicom_instances i USING (sop_instance_uid)
            WHERE q.not_before <= now() ORDER BY q.enqueued_at LIMIT 1 FOR UPDATE OF q, i SKIP LOCKED
            """, connection, transaction))
        await using (var reader = await take.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }
            (sop, key, attempts) = (reader.GetString(0), reader.GetString(1), reader.GetInt32(2));
        }

        string? newSyntax = null;
        long newSize = 0;
        try
        {
            (newSyntax, newSize, var superseded) = Compress(key);
            if (superseded)
            {
                // A newer copy (a replacing resend) was stored while we compressed the old one: compress that instead.
                logger.LogInformation("Instance {SopInstanceUid} was replaced while being compressed; compressing the new copy", sop);
                await ExecuteAsync(connection, transaction, "UPDATE dicom_compression_queue SET not_before = now() WHERE sop_instance_uid = @sop", sop, null, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            }
        }
        catch (Exception e) when (e is DicomException or IOException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            if (attempts + 1 < MaxAttempts && e is IOException)
            {
                await ExecuteAsync(connection, transaction, """
                    UPDATE dicom_compression_queue SET attempts = attempts + 1, last_error = @error,
                        not_before = now() + make_interval(secs => 5 * (attempts + 1)) WHERE sop_instance_uid = @sop
                    """, sop, e.Message, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            }
            // Not compressible by our codecs (bit depth, odd photometric...): the stored copy stays as received.
            logger.LogInformation("Instance {SopInstanceUid} kept uncompressed: {Error}", sop, e.Message);
        }

        var moved = false;
        if (newSyntax is not null)
        {
            // Only if the row still points at the file compressed: a study merge moves instances to other keys (it
            // waits for this queue row first, so this is a guard, not the plan). A row that moved keeps its own
            // syntax and size and stays queued, so its new file is compressed next; the file written here, which
            // nothing points at then, is removed after the commit.
            await using var update = new NpgsqlCommand("""
                UPDATE dicom_instances SET transfer_syntax_uid = @syntax, stored_bytes = @size WHERE sop_instance_uid = @sop AND blob_key = @key
                """, connection, transaction);
            update.Parameters.AddWithValue("syntax", newSyntax);
            update.Parameters.AddWithValue("size", newSize);
            update.Parameters.AddWithValue("sop", sop);
            update.Parameters.AddWithValue("key", key);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                moved = true;
                logger.LogWarning("Instance {SopInstanceUid} moved while it was compressed; its index row is left as it is", sop);
            }
        }
        if (!moved)
        {
            await ExecuteAsync(connection, transaction, "DELETE FROM dicom_compression_queue WHERE sop_instance_uid = @sop", sop, null, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        // The key names the SOP Instance UID, the row's primary key: once this row left it, no row points at it.
        if (moved && blobs.Exists(key))
        {
            blobs.Delete(key);
        }
        return true;
    }

    /// <summary>
    /// Writes the compressed copy in place of the stored one. Syntax null: kept as it is (compression would not make it
    /// smaller, or it is not ours to compress). Superseded: the stored copy changed while we worked, nothing was replaced.
    /// </summary>
    private (string? Syntax, long Size, bool Superseded) Compress(string key)
    {
        if (blobs.VersionOf(key) is not { } version)
        {
            return (null, 0, false);
        }
        var source = DicomFile.Open(blobs.PathOf(key));
        if (!ArchiveCompression.IsCandidate(source.TransferSyntax.Uid))
        {
            return (null, 0, false);
        }
        var compressed = DicomTranscoder.Transcode(source, DicomTransferSyntax.JPEGLSLossless);
        string temporary;
        long size;
        using (var file = blobs.CreateTemporary())
        {
            temporary = file.Name;
            compressed.Write(file);
            file.Flush(flushToDisk: true);
            size = file.Length;
        }
        try
        {
            if (size >= version.Length)
            {
                return (null, 0, false);
            }
            BeforeReplace?.Invoke(key);
            if (!blobs.ReplaceIfUnchanged(temporary, key, version))
            {
                return (null, 0, true);
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
        return (DicomTransferSyntax.JPEGLSLossless.Uid, size, false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string sop, string? error, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("sop", sop);
        if (error is not null)
        {
            command.Parameters.AddWithValue("error", error);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
