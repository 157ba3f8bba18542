using System.Globalization;

namespace CloudFilm.DicomNode.Tests.Support;

/// <summary>The real DicomNode executable, started as its own process without the cluster, so a test can kill it.</summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly RunningProcess _process;

    private NodeProcess(RunningProcess process) => _process = process;

    public string Output => _process.Output;

    public static async Task<NodeProcess> StartAsync(string connectionString, string blobRoot, int port)
    {
        var info = ExternalProcess.Command("dotnet", [Path.Combine(AppContext.BaseDirectory, "CloudFilm.DicomNode.dll")], AppContext.BaseDirectory);
        info.Environment["ConnectionStrings__Postgres"] = connectionString;
        info.Environment["Dicom__Port"] = port.ToString(CultureInfo.InvariantCulture);
        info.Environment["Dicom__NotifyStudies"] = "false";
        info.Environment["Dicom__PeerCacheDuration"] = "00:00:00";
        info.Environment["Archive__BlobRoot"] = blobRoot;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return new NodeProcess(await ExternalProcess.StartAsync(info, port, TimeSpan.FromSeconds(60)));
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut of the process.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
