using CloudFilm.Archive;
using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Index;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;
using CloudFilm.DicomNode.Ingest;
using CloudFilm.DicomNode.Tests.Support;
using CloudFilm.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CloudFilm.DicomNode.Tests.Ingest;

/// <summary>
/// An instance that a study merge is moving to another key: compression skips it while the merge holds its row and
/// then compresses the file at the new key, never a file at the old one.
/// </summary>
public sealed class CompressionMoveTests : IAsyncLifetime
{
    private readonly string _blobRoot = Path.Combine(Path.GetTempPath(), "cloudfilm-move-" + Guid.NewGuid().ToString("N")[..12]);
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await PostgresServer.Instance.CreateDatabaseAsync("dicommove");

    public Task DisposeAsync()
    {
        if (Directory.Exists(_blobRoot))
        {
            Directory.Delete(_blobRoot, recursive: true);
        }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_instance_being_moved_is_skipped_and_then_compressed_at_its_new_key()
    {
        var blobs = new BlobStore(_blobRoot);
        var series = new TestSeries();
        var dataset = series.Instance(1);
        var sop = dataset.GetString(CloudFilm.Dicom.Dictionary.DicomTags.SOPInstanceUID)!;
        var oldKey = BlobStore.KeyOf(series.StudyInstanceUid, sop);
        var newKey = BlobStore.KeyOf(DicomUidGenerator.NewUid(), sop);
        long size;
        using (var stream = blobs.CreateTemporary())
        {
            new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian).Write(stream);
            stream.Flush(flushToDisk: true);
            size = stream.Length;
            blobs.Commit(stream.Name, oldKey);
        }
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using (var writer = new InstanceIndexWriter(dataSource, DuplicatePolicy.KeepFirst, 8, NullLogger<InstanceIndexWriter>.Instance))
        {
            await writer.WriteAsync(InstanceAttributes.Read(dataset, new InstanceEnvelope(
                DicomUids.CTImageStorage, sop, DicomTransferSyntax.ExplicitVRLittleEndian.Uid, "CT1", size, DateTimeOffset.UtcNow)), enqueueCompression: true, default);
        }

        // A mover (a study merge) holds the instance row: compression leaves that instance alone meanwhile.
        await using var mover = await dataSource.OpenConnectionAsync();
        await using var transaction = await mover.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("SELECT 1 FROM dicom_instances WHERE sop_instance_uid = @sop FOR UPDATE", mover, transaction))
        {
            hold.Parameters.AddWithValue("sop", sop);
            await hold.ExecuteNonQueryAsync();
        }
        var worker = new CompressionWorker(dataSource, blobs, new IngestSignals(), new ArchiveOptions { BlobRoot = _blobRoot }, NullLogger<CompressionWorker>.Instance);
        (await worker.CompressNextAsync(default)).Should().BeFalse("the only queued instance is being moved");
        DicomFileHeader.Read(blobs.PathOf(oldKey)).TransferSyntaxUid.Should().Be(DicomTransferSyntax.ExplicitVRLittleEndian.Uid);

        File.Copy(blobs.PathOf(oldKey), Path.Combine(_blobRoot, "moved.part"));
        blobs.Commit(Path.Combine(_blobRoot, "moved.part"), newKey);
        await using (var move = new NpgsqlCommand("UPDATE dicom_instances SET blob_key = @key WHERE sop_instance_uid = @sop", mover, transaction))
        {
            move.Parameters.AddWithValue("key", newKey);
            move.Parameters.AddWithValue("sop", sop);
            await move.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        blobs.Delete(oldKey);

        // Once moved, the queued compression follows the instance to its new key.
        (await worker.CompressNextAsync(default)).Should().BeTrue();
        await using var check = dataSource.CreateCommand("""
            SELECT i.transfer_syntax_uid, i.stored_bytes, (SELECT count(*) FROM dicom_compression_queue q WHERE q.sop_instance_uid = i.sop_instance_uid)
            FROM dicom_instances i WHERE i.sop_instance_uid = @sop
            """);
        check.Parameters.AddWithValue("sop", sop);
        await using var reader = await check.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetString(0).Should().Be(DicomTransferSyntax.JPEGLSLossless.Uid);
        reader.GetInt64(1).Should().Be(new FileInfo(blobs.PathOf(newKey)).Length, "the row describes the file at its new key");
        reader.GetInt64(2).Should().Be(0);
        DicomFileHeader.Read(blobs.PathOf(newKey)).TransferSyntaxUid.Should().Be(DicomTransferSyntax.JPEGLSLossless.Uid);
        blobs.Exists(oldKey).Should().BeFalse();
    }
}
