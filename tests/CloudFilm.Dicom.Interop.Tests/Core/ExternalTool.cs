using System.Diagnostics;
using System.Text;

namespace CloudFilm.Dicom.Interop.Tests.Core;

/// <summary>Runs a real toolkit's command; a missing tool fails the test with a message saying what to install.</summary>
internal static class ExternalTool
{
    public const string PydicomTestFiles = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
    public const string PydicomCharsetFiles = "/usr/lib/python3/dist-packages/pydicom/data/charset_files";
    public const string Python = "/usr/bin/python3";

    public static ToolResult Run(string tool, params string[] args) => RunWithInput(tool, null, args);

    public static ToolResult RunWithInput(string tool, string? stdin, params string[] args)
    {
        var path = tool.Contains('/') ? tool : "/usr/bin/" + tool;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"external tool {path} is missing: install dcmtk, gdcm tools and python3-pydicom (Debian) to run the interop tests");
        }
        var start = new ProcessStartInfo(path, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish in 60 s");
        }
        return new ToolResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a pydicom script (the file path is argv[1]).</summary>
    public static string Pydicom(string script, params string[] args)
    {
        RequireDirectory(PydicomTestFiles);
        var result = Run(Python, ["-c", script, .. args]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"pydicom script failed ({result.ExitCode}): {result.Stderr}");
        }
        return result.Stdout;
    }

    public static void RequireDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: install python3-pydicom (Debian) to run the interop tests");
        }
    }
}

internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr);
