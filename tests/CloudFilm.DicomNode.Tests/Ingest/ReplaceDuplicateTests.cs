using CloudFilm.Archive;
using CloudFilm.Archive.Blobs;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;
using CloudFilm.DicomNode.Ingest;
using CloudFilm.DicomNode.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudFilm.DicomNode.Tests.Ingest;

public sealed class ReplaceDuplicateTests(ReplacingNodeFixture node) : IClassFixture<ReplacingNodeFixture>
{
    [Fact]
    public async Task With_the_replace_policy_a_corrected_resend_wins_and_still_makes_one_row()
    {
        var series = new TestSeries();
        var uid = DicomUidGenerator.NewUid();
        var folder = Path.Combine(node.WorkFolder, "replace");
        Directory.CreateDirectory(folder);
        var first = Path.Combine(folder, "first.dcm");
        var corrected = Path.Combine(folder, "corrected.dcm");
        new DicomFile(series.Instance(1, uid), DicomTransferSyntax.ExplicitVRLittleEndian).Save(first);
        var fixedUp = series.Instance(1, uid);
        fixedUp.Set(DicomTags.InstanceNumber, 7);
        new DicomFile(fixedUp, DicomTransferSyntax.ExplicitVRLittleEndian).Save(corrected);

        (await Dcmtk.StoreAsync(node.Port, "STORESCU", [first])).ExitCode.Should().Be(0);
        (await Dcmtk.StoreAsync(node.Port, "STORESCU", [corrected])).ExitCode.Should().Be(0);

        var instances = await node.Reader.ListInstancesAsync(series.StudyInstanceUid, default);
        instances.Should().ContainSingle().Which.InstanceNumber.Should().Be(7);
        (await node.Reader.GetStudyAsync(series.StudyInstanceUid, default))!.InstanceCount.Should().Be(1);
        (await node.Reader.OpenInstanceAsync(uid, default))!.Dataset.GetString(DicomTags.InstanceNumber).Should().Be("7");
    }

    [Fact]
    public async Task A_resend_that_replaces_an_instance_while_it_is_being_compressed_is_neither_overwritten_nor_left_uncompressed()
    {
        var series = new TestSeries { Size = 128 };
        var uid = DicomUidGenerator.NewUid();
        var folder = Path.Combine(node.WorkFolder, "replace-race");
        Directory.CreateDirectory(folder);
        var paths = new[] { 1, 2 }.Select(number =>
        {
            var copy = series.Instance(1, uid);
            copy.Set(DicomTags.InstanceNumber, number);
            var path = Path.Combine(folder, $"v{number}.dcm");
            new DicomFile(copy, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
            return path;
        }).ToArray();
        (await Dcmtk.StoreAsync(node.Port, "STORESCU", [paths[0]])).ExitCode.Should().Be(0);
        var key = BlobStore.KeyOf(series.StudyInstanceUid, uid);
        // Other tests' instances wait in the same queue: this worker is to take ours.
        await node.ScalarAsync("WITH later AS (UPDATE dicom_compression_queue SET not_before = now() + interval '1 day' WHERE sop_instance_uid <> @u RETURNING 1) SELECT count(*) FROM later", ("u", uid));

        // The node's own compression waits for a quiet hour in this fixture; this worker compresses the first copy
        // and, just before swapping its result in, the corrected resend arrives.
        var worker = new CompressionWorker(node.DataSource, node.Blobs, new IngestSignals(), new ArchiveOptions { BlobRoot = node.BlobRoot },
            NullLogger<CompressionWorker>.Instance);
        Task<(int ExitCode, string Output)>? resend = null;
        worker.BeforeReplace = k =>
        {
            var before = node.Blobs.VersionOf(k);
            resend = Dcmtk.StoreAsync(node.Port, "STORESCU", [paths[1]]);
            // The resend's blob lands at once; its index write waits for the row this worker holds.
            SpinWait.SpinUntil(() => node.Blobs.VersionOf(k) != before, TimeSpan.FromSeconds(30)).Should().BeTrue();
        };
        // Off the test's synchronisation context: the hook blocks its thread while the node serves the resend.
        (await Task.Run(() => worker.CompressNextAsync(default))).Should().BeTrue();
        (await resend!).ExitCode.Should().Be(0);
        DicomFileHeader.Read(node.Blobs.PathOf(key)).TransferSyntaxUid.Should().Be(DicomTransferSyntax.ExplicitVRLittleEndian.Uid,
            "the compressed first copy must not replace the resend");
        (await node.ScalarAsync("SELECT count(*) FROM dicom_compression_queue WHERE sop_instance_uid = @u", ("u", uid))).Should().Be(1,
            "the resend is still to be compressed");

        worker.BeforeReplace = null;
        (await worker.CompressNextAsync(default)).Should().BeTrue();
        var stored = (await node.Reader.OpenInstanceAsync(uid, default))!;
        stored.Dataset.GetString(DicomTags.InstanceNumber).Should().Be("2", "the resend wins");
        var header = DicomFileHeader.Read(node.Blobs.PathOf(key));
        header.TransferSyntaxUid.Should().Be(DicomTransferSyntax.JPEGLSLossless.Uid);
        (await node.ScalarAsync("SELECT count(*) FROM dicom_instances WHERE sop_instance_uid = @u AND transfer_syntax_uid = @s AND stored_bytes = @b AND instance_number = 2",
            ("u", uid), ("s", header.TransferSyntaxUid), ("b", new FileInfo(node.Blobs.PathOf(key)).Length))).Should().Be(1, "the row describes the file on disk");
        (await node.ScalarAsync("SELECT count(*) FROM dicom_compression_queue WHERE sop_instance_uid = @u", ("u", uid))).Should().Be(0);
    }
}
