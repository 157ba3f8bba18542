using CloudFilm.Archive;
using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Index;
using CloudFilm.Archive.Ingest;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;
using CloudFilm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace CloudFilm.Api.Tests;

/// <summary>
/// The Api as it runs in production, in process: a real PostgreSQL database, a real Redis, and a two-silo
/// Orleans cluster on TCP that the Api finds through the PostgreSQL membership table. Two Api copies share
/// everything, as two machines behind a load balancer would. A third copy listens on a real loopback port
/// (Kestrel) for programs outside this process, started when first asked for.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    /// <summary>The API key of the "ris" system configured for the tests.</summary>
    public const string SystemKey = ApiHostEnvironment.SystemKey;

    public TestCluster Cluster { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public WebApplicationFactory<Program> Api { get; private set; } = null!;

    public WebApplicationFactory<Program> SecondApi { get; private set; } = null!;

    private WebApplicationFactory<Program>? _loopbackApi;

    private readonly Dictionary<bool, ServiceProvider> _ingests = [];

    /// <summary>
    /// The address of an Api copy on a real loopback port (Kestrel, 127.0.0.1), for clients that are other programs
    /// (Orthanc, dcmtk, a browser); it shares the database, Redis, cluster and blob store with <see cref="Api"/>.
    /// </summary>
    public Uri LoopbackAddress
    {
        get
        {
            if (_loopbackApi is null)
            {
                var api = new WebApplicationFactory<Program>();
                api.UseKestrel(0);
                api.StartServer();
                _loopbackApi = api;
            }
            return _loopbackApi.ClientOptions.BaseAddress;
        }
    }

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.Instance.CreateDatabaseAsync("api");
        var serviceId = "cf-" + Guid.NewGuid().ToString("N")[..8];
        Cluster = await PostgresCluster.StartAsync(ConnectionString, serviceId, tcp: true);

        ApiHostEnvironment.Configure(ConnectionString, serviceId);
        Api = new WebApplicationFactory<Program>();
        SecondApi = new WebApplicationFactory<Program>();
        _ = Api.Server;
        _ = SecondApi.Server;
    }

    /// <summary>A client that calls as the "ris" system.</summary>
    public HttpClient SystemClient()
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", SystemKey);
        return client;
    }

    /// <summary>
    /// Puts Part 10 files into the archive the Api reads exactly as a C-STORE or a STOW-RS does: through the archive's
    /// <see cref="InstanceIngest"/> (temporary file, fsync, rename to the UID key, index rows read back from the stored
    /// file, so names pass through the toolkit's decoding of their character set), as sent by AE "CT1", the first copy
    /// kept. Nothing is queued for compression unless <paramref name="queueCompression"/> (no test compresses; the
    /// queued row is what a test of the queue looks at). Returns the index rows, in order.
    /// </summary>
    public async Task<IReadOnlyList<InstanceRecord>> ArchiveAsync(IEnumerable<DicomFile> files, bool queueCompression = false)
    {
        var ingest = Ingest(queueCompression);
        var blobs = ingest.GetRequiredService<BlobStore>();
        var records = new List<InstanceRecord>();
        foreach (var file in files)
        {
            var temporary = blobs.CreateTemporary();
            file.Write(temporary);
            var source = new IngestSource(file.Dataset.GetString(DicomTags.SOPClassUID), file.Dataset.GetString(DicomTags.SOPInstanceUID),
                file.TransferSyntax.Uid, "CT1");
            records.Add((await ingest.GetRequiredService<InstanceIngest>().StoreAsync(temporary, source, default)).Record);
        }
        return records;
    }

    /// <inheritdoc cref="ArchiveAsync(IEnumerable{DicomFile}, bool)"/>
    public Task<IReadOnlyList<InstanceRecord>> ArchiveAsync(params DicomFile[] files) => ArchiveAsync(files, queueCompression: false);

    /// <summary>Archives data sets as Explicit VR Little Endian Part 10 files (see <see cref="ArchiveAsync(IEnumerable{DicomFile}, bool)"/>).</summary>
    public Task<IReadOnlyList<InstanceRecord>> ArchiveAsync(params DicomDataset[] datasets) =>
        ArchiveAsync(datasets.Select(d => new DicomFile(d, DicomTransferSyntax.ExplicitVRLittleEndian)));

    /// <summary>Archives instances 1..<paramref name="count"/> of a <see cref="TestSeries"/>, each changed first by <paramref name="change"/>.</summary>
    public Task<IReadOnlyList<InstanceRecord>> ArchiveAsync(TestSeries series, int count = 1, Action<DicomDataset>? change = null) =>
        ArchiveAsync(Enumerable.Range(1, count).Select(i =>
        {
            var instance = series.Instance(i);
            change?.Invoke(instance);
            return instance;
        }).ToArray());

    /// <summary>The archive's ingest as a host that stores instances registers it, over this fixture's database and blob store.</summary>
    private ServiceProvider Ingest(bool compress)
    {
        lock (_ingests)
        {
            if (!_ingests.TryGetValue(compress, out var provider))
            {
                var services = new ServiceCollection();
                services.AddLogging();
                services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [$"{ArchiveOptions.Section}:{nameof(ArchiveOptions.BlobRoot)}"] = ApiHostEnvironment.BlobRoot,
                    [$"{ArchiveOptions.Section}:{nameof(ArchiveOptions.Compress)}"] = compress.ToString(),
                }).Build());
                services.AddArchiveOptions();
                services.AddSingleton(new BlobStore(ApiHostEnvironment.BlobRoot));
                services.AddSingleton(NpgsqlDataSource.Create(ConnectionString));
                services.AddArchiveIngest();
                provider = services.BuildServiceProvider();
                _ingests[compress] = provider;
            }
            return provider;
        }
    }

    /// <summary>The latest SMS the development gateway wrote for a phone number.</summary>
    public Task<string?> LatestSmsAsync(string phone) => ApiHostEnvironment.LatestSmsAsync(ConnectionString, phone);

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await SecondApi.DisposeAsync();
        if (_loopbackApi is not null)
        {
            await _loopbackApi.DisposeAsync();
        }
        foreach (var ingest in _ingests.Values)
        {
            await ingest.DisposeAsync();
        }
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
