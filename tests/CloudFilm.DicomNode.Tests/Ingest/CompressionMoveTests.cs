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
/// An instance that moves to another key while it is being compressed (a study merge that did not wait for the
/// queue row): the compression must neither write the moved row's syntax nor leave its file at the old key.
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
    public async Task A_row_that_moved_keeps_its_syntax_stays_queued_and_the_compressed_file_at_the_old_key_is_removed()
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

        // Hold the instance row as a mover would, let the compression run, then move the row under it.
        await using var mover = await dataSource.OpenConnectionAsync();
        await using var transaction = await mover.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("SELECT 1 FROM dicom_instances WHERE sop_instance_uid = @sop FOR UPDATE", mover, transaction))
        {
            hold.Parameters.AddWithValue("sop", sop);
            await hold.ExecuteNonQueryAsync();
        }
        var worker = new CompressionWorker(dataSource, blobs, new IngestSignals(), new ArchiveOptions { BlobRoot = _blobRoot }, NullLogger<CompressionWorker>.Instance);
        var compressing = worker.CompressNextAsync(default);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DicomFileHeader.Read(blobs.PathOf(oldKey)).TransferSyntaxUid != DicomTransferSyntax.JpegLSLossless.Uid && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        File.Copy(blobs.PathOf(oldKey), Path.Combine(_blobRoot, "moved.part"));
        blobs.Commit(Path.Combine(_blobRoot, "moved.part"), newKey);
        await using (var move = new NpgsqlCommand("UPDATE dicom_instances SET blob_key = @key WHERE sop_instance_uid = @sop", mover, transaction))
        {
            move.Parameters.AddWithValue("key", newKey);
            move.Parameters.AddWithValue("sop", sop);
            await move.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();

        (await compressing).Should().BeTrue();
        await using var check = dataSource.CreateCommand("""
            SELECT i.transfer_syntax_uid, i.stored_bytes, (SELECT count(*) FROM dicom_compression_queue q WHERE q.sop_instance_uid = i.sop_instance_uid)
            FROM dicom_instances i WHERE i.sop_instance_uid = @sop
            """);
        check.Parameters.AddWithValue("sop", sop);
        await using var reader = await check.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetString(0).Should().Be(DicomTransferSyntax.ExplicitVRLittleEndian.Uid, "the moved row is not told about a file it no longer points at");
        reader.GetInt64(1).Should().Be(size);
        reader.GetInt64(2).Should().Be(1, "the instance stays queued so its file at the new key is compressed next");
        blobs.Exists(oldKey).Should().BeFalse("nothing points at the old key any more");
        blobs.Exists(newKey).Should().BeTrue();
    }
}
