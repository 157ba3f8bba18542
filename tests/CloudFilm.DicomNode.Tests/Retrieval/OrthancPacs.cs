using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CloudFilm.DicomNode.Tests.Retrieval;

/// <summary>A private Orthanc (Debian package) playing the hospital PACS, knowing the node as modality "cloudfilm".</summary>
internal sealed class OrthancPacs : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private OrthancPacs(Process process, string folder, int dicomPort)
    {
        _process = process;
        _folder = folder;
        DicomPort = dicomPort;
    }

    public int DicomPort { get; }

    public static async Task<OrthancPacs> StartAsync(int dicomPort, int httpPort, string nodeAeTitle, int nodePort)
    {
        if (!File.Exists("/usr/sbin/Orthanc"))
        {
            throw new InvalidOperationException("Orthanc is not installed (apt-get install orthanc); the PACS pull tests cannot run without it");
        }
        var folder = Path.Combine(Path.GetTempPath(), "cloudfilm-orthanc-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "orthanc.json");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "Name": "TestPacs",
              "StorageDirectory": "{{folder}}/db",
              "IndexDirectory": "{{folder}}/db",
              "HttpServerEnabled": true,
              "HttpPort": {{httpPort}},
              "RemoteAccessAllowed": false,
              "AuthenticationEnabled": false,
              "DicomServerEnabled": true,
              "DicomAet": "ORTHANC",
              "DicomPort": {{dicomPort}},
              "DicomCheckCalledAet": false,
              "DicomAlwaysAllowStore": true,
              "DicomAlwaysAllowFind": true,
              "DicomModalities": { "cloudfilm": [ "{{nodeAeTitle}}", "127.0.0.1", {{nodePort}} ] },
              "Plugins": []
            }
            """));
        var info = new ProcessStartInfo("/usr/sbin/Orthanc") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(config);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var pacs = new OrthancPacs(process, folder, dicomPort);
        for (var i = 0; i < 200; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Orthanc exited at start with code {process.ExitCode}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, dicomPort);
                return pacs;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        await pacs.DisposeAsync();
        throw new InvalidOperationException("Orthanc did not open its DICOM port");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
