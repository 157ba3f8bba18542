using CloudFilm.Testing;
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

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
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
        await _api.DisposeAsync();
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
