using System.Diagnostics;

namespace CloudFilm.Benchmarks;

/// <summary>
/// Starts CloudFilm hosts (Api, DicomNode) from their build output as separate processes, the way they run in
/// production, with the environment the test servers need (see ApiHostEnvironment).
/// </summary>
internal static class Hosts
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static Process Start(string project, string assembly, Dictionary<string, string> environment)
    {
        var dll = Path.Combine(RepositoryRoot(), project, "bin", Configuration, "net10.0", assembly);
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{project} did not start");
        var name = project.ToLowerInvariant();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"{name}: {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitForApiAsync(HttpClient http)
    {
        for (var i = 0; i < 240; i++)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("the Api did not become ready");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudFilm.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("run the benchmark from inside the repository");
    }
}
