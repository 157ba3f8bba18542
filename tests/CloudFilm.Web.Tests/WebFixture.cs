using CloudFilm.Archive.Peers;
using CloudFilm.DicomNode.Hosting;
using CloudFilm.DicomNode.Notifications;
using CloudFilm.Hosting;
using CloudFilm.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using Orleans.TestingHost;

namespace CloudFilm.Web.Tests;

/// <summary>
/// The Api on a real loopback port (Kestrel) over a real cluster, PostgreSQL and Redis, and Debian's Chromium
/// driven by Playwright. Fails loudly when Chromium is missing: ./cloudfilm test installs it.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private WebApplicationFactory<Program> _api = null!;
    private IHost _dicomNode = null!;
    private TestCluster _cluster = null!;
    private IPlaywright _playwright = null!;

    public string ConnectionString { get; private set; } = "";

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots are kept for people to look at after the run.</summary>
    public string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run the tests with ./cloudfilm test, which installs Debian's chromium.");
        }
        ConnectionString = await PostgresServer.Instance.CreateDatabaseAsync("web");
        var serviceId = "cf-" + Guid.NewGuid().ToString("N")[..8];
        _cluster = await PostgresCluster.StartAsync(ConnectionString, serviceId, silos: 1, tcp: true);
        ApiHostEnvironment.Configure(ConnectionString, serviceId);
        _api = new WebApplicationFactory<Program>();
        _api.UseKestrel(0);
        _api.StartServer();
        BaseAddress = _api.ClientOptions.BaseAddress;
        await StartDicomNodeAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>The DICOM port of the front node images are sent to (AE title CLOUDFILM, calling AE STORESCU from 127.0.0.1).</summary>
    public int DicomPort { get; private set; }

    /// <summary>A real DICOM front node in this process, writing the blob store and index the Api reads, telling the cluster.</summary>
    private async Task StartDicomNodeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Dicom:Port"] = "0", ["Dicom:PeerCacheDuration"] = "00:00:00" });
        builder.AddDicomNode();
        builder.AddCloudFilmOrleansClient("dicomnode");
        builder.AddStudyNotifications<StudyGrainArrivalTarget>();
        _dicomNode = builder.Build();
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(ConnectionString))
        {
            await new PeerStore(dataSource).UpsertAsync(new DicomPeer("STORESCU", "127.0.0.1", null, "web tests", DateTimeOffset.UtcNow), default);
        }
        await _dicomNode.StartAsync();
        DicomPort = _dicomNode.Services.GetRequiredService<DicomServerService>().LocalEndPoint.Port;
    }

    public HttpClient SystemClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiHostEnvironment.SystemKey);
        return client;
    }

    public Task<string?> LatestSmsAsync(string phone) => ApiHostEnvironment.LatestSmsAsync(ConnectionString, phone);

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await _dicomNode.StopAsync();
        _dicomNode.Dispose();
        await _api.DisposeAsync();
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}

/// <summary>One web fixture per test run: the Api reads its settings from process-wide environment variables.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
