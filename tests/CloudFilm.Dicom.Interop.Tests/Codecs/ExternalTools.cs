using System.Diagnostics;

namespace CloudFilm.Dicom.Interop.Tests.Codecs;

/// <summary>
/// Runs the Debian tools the interop tests compare against. A missing tool fails the test with a message saying
/// what to install; it never makes a test pass silently.
/// </summary>
public static class ExternalTools
{
    public const string Python = "/usr/bin/python3";

    public static string Run(string tool, params string[] arguments)
    {
        string path = Resolve(tool);
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {path}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{tool} did not finish within 120 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}{stdout.Result}");
        }

        return stdout.Result;
    }

    public static string Resolve(string tool)
    {
        if (Path.IsPathRooted(tool))
        {
            return File.Exists(tool) ? tool : throw Missing(tool);
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw Missing(tool);
    }

    private static Exception Missing(string tool) => new InvalidOperationException(
        $"required external tool '{tool}' not found: install dcmtk (dcmcjpls, dcmdjpls, dcmcjpeg, dcmdjpeg, dcmcrle, dcmdrle) " +
        "and python3-pydicom/python3-numpy from Debian to run the interop tests");
}
