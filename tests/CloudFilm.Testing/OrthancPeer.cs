using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CloudFilm.Testing;

/// <summary>
/// A private Orthanc (Debian package orthanc; its own service is never used) with its own configuration and storage
/// in a folder: DICOM only, AE title ORTHANC, every DIMSE service allowed, and the given peers known for C-MOVE.
/// Orthanc 1.10 binds every interface and has no bind-address option, so it runs either inside a private network
/// namespace for one scripted exchange (<see cref="RunIsolatedAsync"/>), or — when it must reach a node in this
/// process — on free ports for the length of a fixture (<see cref="StartAsync"/>, or <see cref="StartDicomWebClientAsync"/>
/// for its REST API and DICOMweb plugin).
/// </summary>
public sealed class OrthancPeer : IAsyncDisposable
{
    public const string AeTitle = "ORTHANC";

    /// <summary>The DICOM port inside the private namespace of <see cref="RunIsolatedAsync"/>.</summary>
    public const int IsolatedDicomPort = 4242;

    private readonly RunningProcess _process;
    private readonly string _folder;

    /// <summary>The Debian package of Orthanc's DICOMweb plugin (1.7 on Debian 12).</summary>
    public const string DicomWebPluginPackage = "orthanc-dicomweb";

    /// <summary>Where <see cref="DicomWebPluginPackage"/> puts the plugin (<c>dpkg -L orthanc-dicomweb</c>): the link first, then the library.</summary>
    private static readonly string[] DicomWebPluginPaths =
        ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so", "/usr/lib/orthanc/libOrthancDicomWeb.so.1.7"];

    private OrthancPeer(RunningProcess process, string folder, int dicomPort, int httpPort = 0)
    {
        _process = process;
        _folder = folder;
        DicomPort = dicomPort;
        HttpPort = httpPort;
    }

    /// <summary>The DICOM port, or 0 when Orthanc runs without its DICOM server.</summary>
    public int DicomPort { get; }

    /// <summary>The port of Orthanc's REST API, or 0 when it runs without one.</summary>
    public int HttpPort { get; }

    /// <summary>A client of Orthanc's REST API (loopback, no proxy); only when started with <see cref="StartDicomWebClientAsync"/>.</summary>
    public HttpClient RestClient() => HttpPort == 0
        ? throw new InvalidOperationException("this Orthanc runs without its REST API")
        : new HttpClient(new HttpClientHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}/"), Timeout = TimeSpan.FromSeconds(45) };

    /// <summary>What Orthanc has written so far, for failure messages.</summary>
    public string Log => _process.Output;

    /// <summary>The path of the DICOMweb plugin; fails naming the package to install when it is absent.</summary>
    public static string DicomWebPlugin() => DicomWebPluginPaths.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
        $"Orthanc's DICOMweb plugin is not installed: apt-get install {DicomWebPluginPackage} (./cloudfilm test installs it); this test cannot run without it");

    /// <summary>Writes Orthanc's JSON configuration into <paramref name="folder"/>; <paramref name="peers"/> maps AE titles to loopback ports.</summary>
    public static string WriteConfiguration(string folder, IReadOnlyDictionary<string, int> peers, int dicomPort = IsolatedDicomPort)
    {
        var modalities = new StringBuilder();
        foreach (var (ae, port) in peers)
        {
            modalities.Append(CultureInfo.InvariantCulture, $"    \"{ae}\" : [ \"{ae}\", \"127.0.0.1\", {port} ],\n");
        }

        var path = Path.Combine(folder, "orthanc.json");
        File.WriteAllText(path, $$"""
            {
              "Name" : "CloudFilmTest",
              "StorageDirectory" : "{{folder}}/db",
              "IndexDirectory" : "{{folder}}/db",
              "HttpServerEnabled" : false,
              "DicomServerEnabled" : true,
              "DicomAet" : "{{AeTitle}}",
              "DicomPort" : {{dicomPort}},
              "DicomCheckCalledAet" : true,
              "DicomAlwaysAllowEcho" : true,
              "DicomAlwaysAllowStore" : true,
              "DicomAlwaysAllowFind" : true,
              "DicomAlwaysAllowMove" : true,
              "DicomAlwaysAllowGet" : true,
              "DicomModalities" : {
            {{modalities.ToString().TrimEnd('\n', ',')}}
              },
              "Plugins" : [ ],
              "SaveJobs" : false
            }
            """);
        return path;
    }

    /// <summary>Starts Orthanc on <paramref name="dicomPort"/> in a temporary folder of its own, removed at dispose.</summary>
    public static async Task<OrthancPeer> StartAsync(int dicomPort, IReadOnlyDictionary<string, int> peers)
    {
        var folder = Directory.CreateTempSubdirectory("cloudfilm-orthanc-").FullName;
        var configuration = WriteConfiguration(folder, peers, dicomPort);
        var process = await ExternalProcess.StartAsync(ExternalProcess.Command("Orthanc", [configuration], folder), dicomPort, TimeSpan.FromSeconds(20));
        return new OrthancPeer(process, folder, dicomPort);
    }

    /// <summary>
    /// Starts Orthanc as a DICOMweb client in a temporary folder of its own: no DICOM server, its REST API on
    /// <paramref name="httpPort"/> answering loopback callers only (RemoteAccessAllowed false; Orthanc binds every
    /// interface), and the DICOMweb plugin knowing <paramref name="servers"/> by name (used by
    /// <c>POST /dicom-web/servers/{name}/stow</c>). Proxy variables are cleared so it reaches loopback servers directly.
    /// </summary>
    public static async Task<OrthancPeer> StartDicomWebClientAsync(int httpPort, IReadOnlyDictionary<string, DicomWebServer> servers)
    {
        var plugin = DicomWebPlugin();
        var folder = Directory.CreateTempSubdirectory("cloudfilm-orthanc-").FullName;
        var configuration = Path.Combine(folder, "orthanc.json");
        File.WriteAllText(configuration, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Name"] = "CloudFilmTest",
            ["StorageDirectory"] = Path.Combine(folder, "db"),
            ["IndexDirectory"] = Path.Combine(folder, "db"),
            ["DicomServerEnabled"] = false,
            ["HttpServerEnabled"] = true,
            ["HttpPort"] = httpPort,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["HttpTimeout"] = 30,
            ["SaveJobs"] = false,
            ["Plugins"] = new[] { plugin },
            ["DicomWeb"] = new Dictionary<string, object>
            {
                ["Enable"] = true,
                ["Root"] = "/dicom-web/",
                ["EnableWado"] = false,
                ["Servers"] = servers.ToDictionary(s => s.Key, s => (object)new Dictionary<string, object>
                {
                    ["Url"] = s.Value.Url,
                    ["HttpHeaders"] = s.Value.HttpHeaders,
                    ["Timeout"] = 30,
                }),
            },
        }, new JsonSerializerOptions { WriteIndented = true }));
        var start = ExternalProcess.Command("Orthanc", [configuration], folder);
        foreach (var proxy in new[] { "http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY" })
        {
            start.Environment.Remove(proxy);
        }
        var process = await ExternalProcess.StartAsync(start, httpPort, TimeSpan.FromSeconds(10));
        return new OrthancPeer(process, folder, dicomPort: 0, httpPort);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// Runs <paramref name="exchange"/> (bash) in a new network namespace after Orthanc is listening; Orthanc is
    /// stopped by its process id when the exchange ends. Variables: ORTHANC_PORT; function wait_port PORT.
    /// Background processes there ignore SIGINT (non-interactive shell): stop them with SIGTERM.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunIsolatedAsync(string folder, string configuration, string exchange, int seconds = 90)
    {
        var orthanc = ExternalProcess.Locate("Orthanc");
        var script = Path.Combine(folder, "exchange.sh");
        File.WriteAllText(script, $$"""
            set -u
            ip link set lo up || { echo "cannot bring up loopback in the namespace" >&2; exit 90; }
            ORTHANC_PORT={{IsolatedDicomPort}}
            "{{orthanc}}" "{{configuration}}" > "{{folder}}/orthanc.log" 2>&1 &
            orthanc_pid=$!
            stop_orthanc() { kill "$orthanc_pid" 2>/dev/null; wait "$orthanc_pid" 2>/dev/null; }
            trap stop_orthanc EXIT
            # wait_port PORT: until something accepts on 127.0.0.1:PORT (at most 30 s)
            wait_port() {
              for _ in $(seq 1 300); do
                (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
                sleep 0.1
              done
              echo "nothing listens on port $1 after 30 s" >&2; return 1
            }
            wait_port "$ORTHANC_PORT" || { cat "{{folder}}/orthanc.log" >&2; exit 91; }
            {{exchange}}
            """);
        var result = await ExternalProcess.RunAsync(ExternalProcess.Command("unshare", ["-n", "bash", script]), TimeSpan.FromSeconds(seconds));
        return (result.ExitCode, result.Output);
    }
}

/// <summary>A DICOMweb server Orthanc's plugin knows by name: its root URL and the headers sent with every request.</summary>
public sealed record DicomWebServer(string Url, IReadOnlyDictionary<string, string> HttpHeaders);
