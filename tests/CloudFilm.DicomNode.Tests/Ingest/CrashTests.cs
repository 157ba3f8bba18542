using System.Collections.Concurrent;
using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Peers;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;
using CloudFilm.DicomNode.Tests.Support;
using CloudFilm.Testing;
using Npgsql;

namespace CloudFilm.DicomNode.Tests.Ingest;

public sealed class CrashTests : IAsyncLifetime
{
    private const int SeriesSize = 500;
    private readonly string _blobRoot = Path.Combine(Path.GetTempPath(), "cloudfilm-crash-" + Guid.NewGuid().ToString("N")[..12]);
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.Instance.CreateDatabaseAsync("dicomcrash");
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await new PeerStore(dataSource).UpsertAsync(new DicomPeer("TESTSCU", "127.0.0.1", null, "test", DateTimeOffset.UtcNow), default);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_blobRoot))
        {
            Directory.Delete(_blobRoot, recursive: true);
        }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Killing_the_node_mid_send_loses_no_acknowledged_instance_and_a_resend_completes_without_duplicates()
    {
        var series = new TestSeries();
        var instances = Enumerable.Range(1, SeriesSize).Select(i => series.Instance(i)).ToList();
        var port = ExternalProcess.FreeTcpPort();
        var acknowledged = new ConcurrentBag<string>();

        await using (var node = await NodeProcess.StartAsync(_connectionString, _blobRoot, port))
        {
            var sending = SendAsync(port, instances, acknowledged);
            while (acknowledged.Count < SeriesSize / 3 && !sending.IsCompleted)
            {
                await Task.Delay(1);
            }
            await node.KillAsync();
            await sending;
        }

        acknowledged.Count.Should().BeInRange(SeriesSize / 3, SeriesSize - 1, "the node was killed part way");
        await using (var node = await NodeProcess.StartAsync(_connectionString, _blobRoot, port))
        {
            await using var dataSource = NpgsqlDataSource.Create(_connectionString);
            foreach (var uid in acknowledged)
            {
                await using var command = dataSource.CreateCommand("SELECT blob_key FROM dicom_instances WHERE sop_instance_uid = @u");
                command.Parameters.AddWithValue("u", uid);
                var key = await command.ExecuteScalarAsync() as string;
                key.Should().NotBeNull($"{uid} was acknowledged, so it is indexed");
                var stored = DicomFile.Open(Path.Combine(_blobRoot, key!));
                stored.Dataset.GetString(DicomTags.SOPInstanceUID).Should().Be(uid);
                stored.Dataset.Contains(DicomTags.PixelData).Should().BeTrue();
            }

            var resent = new ConcurrentBag<string>();
            await SendAsync(port, instances, resent);
            resent.Should().HaveCount(SeriesSize, node.Output);

            (await ScalarAsync(dataSource, "SELECT count(*) FROM dicom_instances")).Should().Be(SeriesSize);
            (await ScalarAsync(dataSource, "SELECT instance_count FROM dicom_studies")).Should().Be(SeriesSize);
            (await ScalarAsync(dataSource, "SELECT instance_count FROM dicom_series")).Should().Be(SeriesSize);
            Directory.EnumerateFiles(_blobRoot, "*.dcm", SearchOption.AllDirectories).Count().Should().Be(SeriesSize);
        }
    }

    private static async Task SendAsync(int port, IReadOnlyList<Dicom.Data.DicomDataset> instances, ConcurrentBag<string> acknowledged)
    {
        try
        {
            await using var client = await DicomClient.ConnectAsync(new AssociationRequestOptions
            {
                Host = "127.0.0.1",
                Port = port,
                CallingAeTitle = "TESTSCU",
                CalledAeTitle = "CLOUDFILM",
                PresentationContexts = [new(DicomUids.CTImageStorage, [DicomTransferSyntax.ExplicitVRLittleEndian.Uid])],
            }, default);
            foreach (var instance in instances)
            {
                var response = await StoreTests.StoreDatasetAsync(client, instance, null);
                if (response.Status == DimseStatus.Success)
                {
                    acknowledged.Add(instance.GetString(DicomTags.SOPInstanceUID)!);
                }
            }
            await client.ReleaseAsync();
        }
        catch (Exception e) when (e is IOException or DicomNetworkException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The node died under us: what was acknowledged so far is what counts.
        }
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
