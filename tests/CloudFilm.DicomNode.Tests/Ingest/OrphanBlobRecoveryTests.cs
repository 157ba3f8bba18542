using CloudFilm.Archive.Blobs;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;
using CloudFilm.DicomNode.Ingest;
using CloudFilm.DicomNode.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudFilm.DicomNode.Tests.Ingest;

public sealed class OrphanBlobRecoveryTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task The_store_check_indexes_objects_left_without_a_row_removes_stale_copies_and_leaves_fresh_ones_to_ingest()
    {
        var series = new TestSeries();
        var folder = Path.Combine(node.WorkFolder, "orphans");
        Directory.CreateDirectory(folder);

        // An instance received normally: stored and indexed.
        var received = Path.Combine(folder, "received.dcm");
        var receivedUid = DicomUidGenerator.NewUid();
        new DicomFile(series.Instance(1, receivedUid), DicomTransferSyntax.ExplicitVRLittleEndian).Save(received);
        (await Dcmtk.StoreAsync(node.Port, "STORESCU", [received])).ExitCode.Should().Be(0);
        var receivedKey = BlobStore.KeyOf(series.StudyInstanceUid, receivedUid);

        // The node stopped between storing this one and indexing it (an hour ago).
        var orphanUid = DicomUidGenerator.NewUid();
        var orphanKey = Place(series.Instance(2, orphanUid), BlobStore.KeyOf(series.StudyInstanceUid, orphanUid), TimeSpan.FromHours(1));
        // Being stored right now: its row is on the way.
        var freshUid = DicomUidGenerator.NewUid();
        var freshKey = Place(series.Instance(3, freshUid), BlobStore.KeyOf(series.StudyInstanceUid, freshUid), TimeSpan.Zero);
        // A copy of the received instance at a key its row no longer names (it moved to another study).
        var staleKey = BlobStore.KeyOf("1.2.826.0.1.3680043.99.1", receivedUid);
        Directory.CreateDirectory(Path.GetDirectoryName(node.Blobs.PathOf(staleKey))!);
        File.Copy(node.Blobs.PathOf(receivedKey), node.Blobs.PathOf(staleKey));
        File.SetLastWriteTimeUtc(node.Blobs.PathOf(staleKey), DateTime.UtcNow.AddHours(-1));

        var recovery = node.Services.GetRequiredService<OrphanBlobRecovery>();
        var outcome = await recovery.RunOnceAsync(default);

        outcome.Should().Match<OrphanBlobRecovery.Outcome>(o => o.Indexed == 1 && o.Removed == 1 && o.Unreadable == 0,
            "the fresh object is too young to be checked; the received one has its row");
        (await node.ScalarAsync("SELECT count(*) FROM dicom_instances WHERE sop_instance_uid = @u AND blob_key = @k", ("u", orphanUid), ("k", orphanKey))).Should().Be(1);
        (await node.Reader.GetStudyAsync(series.StudyInstanceUid, default))!.InstanceCount.Should().Be(2, "the received and the recovered instance");
        node.Blobs.Exists(staleKey).Should().BeFalse();
        node.Blobs.Exists(receivedKey).Should().BeTrue();
        node.Blobs.Exists(freshKey).Should().BeTrue();
        (await node.ScalarAsync("SELECT count(*) FROM dicom_instances WHERE sop_instance_uid = @u", ("u", freshUid))).Should().Be(0);

        // (Compression may have rewritten the recovered object meanwhile, making it too young to count as checked.)
        (await recovery.RunOnceAsync(default)).Should().Match<OrphanBlobRecovery.Outcome>(o => o.Indexed == 0 && o.Removed == 0 && o.Unreadable == 0,
            "a second pass finds nothing to do");
    }

    [Fact]
    public async Task A_copy_whose_instance_is_being_moved_is_left_to_the_move()
    {
        var series = new TestSeries();
        var uid = DicomUidGenerator.NewUid();
        var received = Path.Combine(node.WorkFolder, "moving.dcm");
        Directory.CreateDirectory(node.WorkFolder);
        new DicomFile(series.Instance(1, uid), DicomTransferSyntax.ExplicitVRLittleEndian).Save(received);
        (await Dcmtk.StoreAsync(node.Port, "STORESCU", [received])).ExitCode.Should().Be(0);
        // A merge holds the row and has written the instance's new copy, older than the minimum age.
        var newKey = BlobStore.KeyOf("1.2.826.0.1.3680043.99.3", uid);
        Directory.CreateDirectory(Path.GetDirectoryName(node.Blobs.PathOf(newKey))!);
        File.Copy(node.Blobs.PathOf(BlobStore.KeyOf(series.StudyInstanceUid, uid)), node.Blobs.PathOf(newKey));
        File.SetLastWriteTimeUtc(node.Blobs.PathOf(newKey), DateTime.UtcNow.AddHours(-1));
        await using var merge = await node.DataSource.OpenConnectionAsync();
        await using var transaction = await merge.BeginTransactionAsync();
        await using (var hold = new Npgsql.NpgsqlCommand("SELECT 1 FROM dicom_instances WHERE sop_instance_uid = @sop FOR UPDATE", merge, transaction))
        {
            hold.Parameters.AddWithValue("sop", uid);
            await hold.ExecuteNonQueryAsync();
        }

        var outcome = await node.Services.GetRequiredService<OrphanBlobRecovery>().RunOnceAsync(default);

        node.Blobs.Exists(newKey).Should().BeTrue("the move will point the row at it when it commits");
        outcome!.Removed.Should().Be(0);
        await transaction.RollbackAsync();
        File.Delete(node.Blobs.PathOf(newKey));
    }

    [Fact]
    public async Task An_unreadable_object_without_a_row_is_left_in_place_and_reported()
    {
        var uid = DicomUidGenerator.NewUid();
        var key = BlobStore.KeyOf("1.2.826.0.1.3680043.99.2", uid);
        var path = node.Blobs.PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "not a DICOM file");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-2));

        var outcome = await node.Services.GetRequiredService<OrphanBlobRecovery>().RunOnceAsync(default);

        outcome!.Unreadable.Should().BeGreaterThanOrEqualTo(1);
        File.Exists(path).Should().BeTrue("nothing is deleted that might be someone's only copy");
        File.Delete(path);
    }

    private string Place(Dicom.Data.DicomDataset dataset, string key, TimeSpan age)
    {
        var temporary = Path.Combine(node.WorkFolder, Guid.NewGuid().ToString("N") + ".dcm");
        new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian).Save(temporary);
        var path = node.Blobs.PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Move(temporary, path);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return key;
    }
}
