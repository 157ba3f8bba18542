using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CloudFilm.Dicom.Interop.Tests.Network;

/// <summary>
/// Runs a shell script inside a private network namespace (<c>unshare -n</c>, loopback only) next to a private
/// Orthanc started with its own configuration and storage in a temporary folder. Orthanc 1.10 binds every
/// interface and has no bind-address option, so it must never run in the machine's own namespace; our SCU, its
/// C-MOVE destination and Orthanc all live in the namespace for one exchange, and the namespace disappears with
/// the script. The package's own service is never used.
/// </summary>
internal static class OrthancPeer
{
    public const string AeTitle = "ORTHANC";
    public const int DicomPort = 4242;

    public static string Binary()
    {
        foreach (var path in new[] { "/usr/sbin/Orthanc", "/usr/bin/Orthanc" })
        {
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException("Orthanc is not installed (apt-get install orthanc; ./cloudfilm test installs it): this interop test cannot run without it");
    }

    /// <summary>Configuration (Orthanc's JSON): DICOM only, storage in <paramref name="folder"/>, known peers for C-MOVE and C-GET.</summary>
    public static string WriteConfiguration(string folder, IReadOnlyDictionary<string, int> modalities)
    {
        var peers = new StringBuilder();
        foreach (var (ae, port) in modalities)
        {
            peers.Append(CultureInfo.InvariantCulture, $"    \"{ae}\" : [ \"{ae}\", \"127.0.0.1\", {port} ],\n");
        }

        var path = Path.Combine(folder, "orthanc.json");
        File.WriteAllText(path, $$"""
            {
              "Name" : "CloudFilmInterop",
              "StorageDirectory" : "{{folder}}/db",
              "IndexDirectory" : "{{folder}}/db",
              "HttpServerEnabled" : false,
              "DicomServerEnabled" : true,
              "DicomAet" : "{{AeTitle}}",
              "DicomPort" : {{DicomPort}},
              "DicomCheckCalledAet" : true,
              "DicomAlwaysAllowEcho" : true,
              "DicomAlwaysAllowStore" : true,
              "DicomAlwaysAllowFind" : true,
              "DicomAlwaysAllowMove" : true,
              "DicomAlwaysAllowGet" : true,
              "DicomModalities" : {
            {{peers.ToString().TrimEnd('\n', ',')}}
              },
              "Plugins" : [ ],
              "SaveJobs" : false
            }
            """);
        return path;
    }

    /// <summary>
    /// Runs <paramref name="exchange"/> (bash) in a new network namespace after Orthanc is listening; Orthanc is
    /// stopped by its process id when the exchange ends. Variables: CFDICOM (runs our tool), ORTHANC_PORT; function
    /// wait_port PORT. Background processes there ignore SIGINT (non-interactive shell): stop them with SIGTERM.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string folder, string configuration, string exchange, int seconds = 90)
    {
        var orthanc = Binary();
        var unshare = File.Exists("/usr/bin/unshare") ? "/usr/bin/unshare"
            : throw new InvalidOperationException("unshare (util-linux) is missing: Orthanc cannot be isolated in a private network namespace");
        var cfdicom = Path.Combine(AppContext.BaseDirectory, "cfdicom.dll");
        File.Exists(cfdicom).Should().BeTrue("cfdicom is built with the interop tests");
        var script = Path.Combine(folder, "exchange.sh");
        File.WriteAllText(script, $$"""
            set -u
            ip link set lo up || { echo "cannot bring up loopback in the namespace" >&2; exit 90; }
            # every step is bounded, so a stuck peer fails the test with its output instead of hanging it
            CFDICOM="timeout 30 dotnet {{cfdicom}}"
            ORTHANC_PORT={{DicomPort}}
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
        var info = new ProcessStartInfo(unshare) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-n", "bash", script })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"the Orthanc exchange did not finish within {seconds} s: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
