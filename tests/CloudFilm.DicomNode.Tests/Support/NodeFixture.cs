using CloudFilm.Archive;
using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Peers;
using CloudFilm.Archive.Reading;
using CloudFilm.DicomNode.Hosting;
using CloudFilm.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudFilm.DicomNode.Tests.Support;

/// <summary>
/// A DICOM front node in this process on a free port, over a database of its own and a temporary blob store,
/// with a recording stand-in for the StudyGrain. Peers: STORESCU and FINDSCU from 127.0.0.1.
/// </summary>
public class NodeFixture : IAsyncLifetime
{
    private IHost? _host;

    protected virtual DuplicatePolicy Duplicates => DuplicatePolicy.KeepFirst;

    public string ConnectionString { get; private set; } = "";

    public string BlobRoot { get; } = Path.Combine(Path.GetTempPath(), "cloudfilm-blobs-" + Guid.NewGuid().ToString("N")[..12]);

    public string WorkFolder { get; } = Path.Combine(Path.GetTempPath(), "cloudfilm-dicom-" + Guid.NewGuid().ToString("N")[..12]);

    public int Port { get; private set; }

    public RecordingArrivalTarget Target => Services.GetRequiredService<RecordingArrivalTarget>();

    public IServiceProvider Services => _host!.Services;

    public IArchiveReader Reader => Services.GetRequiredService<IArchiveReader>();

    public BlobStore Blobs => Services.GetRequiredService<BlobStore>();

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.Instance.CreateDatabaseAsync("dicomnode");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["Dicom:Port"] = "0",
            ["Dicom:PeerCacheDuration"] = "00:00:00",
            ["Archive:BlobRoot"] = BlobRoot,
            ["Archive:Duplicates"] = Duplicates.ToString(),
        });
        builder.Configuration.AddInMemoryCollection(ExtraSettings());
        builder.AddDicomNode();
        builder.Services.AddSingleton<RecordingArrivalTarget>();
        await ConfigureNotificationsAsync(builder);
        _host = builder.Build();
        await using (var dataSource = NpgsqlDataSource.Create(ConnectionString))
        {
            var peers = new PeerStore(dataSource);
            foreach (var ae in new[] { "STORESCU", "FINDSCU", "MOVESCU", "GETSCU", "TESTSCU" })
            {
                await peers.UpsertAsync(new DicomPeer(ae, "127.0.0.1", null, "test", DateTimeOffset.UtcNow), default);
            }
            await peers.UpsertAsync(new DicomPeer("ELSEWHERE", "10.20.30.40", null, "another address", DateTimeOffset.UtcNow), default);
        }
        await _host.StartAsync();
        Port = Services.GetRequiredService<DicomServerService>().LocalEndPoint.Port;
    }

    /// <summary>Settings a derived fixture adds (e.g. the PACS to pull from).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [];

    /// <summary>Where arrivals go: a recorder here; the real StudyGrain in <see cref="ClusterNodeFixture"/>.</summary>
    protected virtual Task ConfigureNotificationsAsync(HostApplicationBuilder builder)
    {
        builder.AddStudyNotifications<ForwardingTarget>();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        foreach (var folder in new[] { BlobRoot, WorkFolder })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until <paramref name="condition"/> holds (background work), failing after 30 s.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not reached within 30 s: {what}");
            }
            await Task.Delay(50);
        }
    }

    private sealed class ForwardingTarget(RecordingArrivalTarget recorder) : Notifications.IStudyArrivalTarget
    {
        public Task<Grains.Abstractions.Archive.ImageMatch> RecordAsync(string accessionNumber, Grains.Abstractions.Archive.ImageArrival arrival, CancellationToken cancellationToken) =>
            recorder.RecordAsync(accessionNumber, arrival, cancellationToken);
    }
}

public sealed class ReplacingNodeFixture : NodeFixture
{
    protected override DuplicatePolicy Duplicates => DuplicatePolicy.Replace;

    // The node's own compression stays idle (tests drive a worker themselves).
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [new("Archive:CompressionQuietPeriod", "01:00:00"), new("Archive:CompressionMaxDeferral", "01:00:00")];
}
