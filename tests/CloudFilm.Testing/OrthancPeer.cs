using System.Globalization;
using System.Text;

namespace CloudFilm.Testing;

/// <summary>
/// A private Orthanc (Debian package orthanc; its own service is never used) with its own configuration and storage
/// in a folder: DICOM only, AE title ORTHANC, every DIMSE service allowed, and the given peers known for C-MOVE.
/// Orthanc 1.10 binds every interface and has no bind-address option, so it runs either inside a private network
/// namespace for one scripted exchange (<see cref="RunIsolatedAsync"/>), or — when it must reach a node in this
/// process — on free ports for the length of a fixture (<see cref="StartAsync"/>).
/// </summary>
public sealed class OrthancPeer : IAsyncDisposable
{
    public const string AeTitle = "ORTHANC";

    /// <summary>The DICOM port inside the private namespace of <see cref="RunIsolatedAsync"/>.</summary>
    public const int IsolatedDicomPort = 4242;

    private readonly RunningProcess _process;
    private readonly string _folder;

    private OrthancPeer(RunningProcess process, string folder, int dicomPort)
    {
        _process = process;
        _folder = folder;
        DicomPort = dicomPort;
    }

    public int DicomPort { get; }

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
