using CloudFilm.Testing;

namespace CloudFilm.Dicom.Interop.Tests.Core;

/// <summary>Runs a real toolkit's command (through <see cref="ExternalProcess"/>, so a missing tool fails the test naming its Debian package) and pydicom scripts.</summary>
internal static class ExternalTool
{
    public const string PydicomTestFiles = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
    public const string PydicomCharsetFiles = "/usr/lib/python3/dist-packages/pydicom/data/charset_files";
    public const string Python = "/usr/bin/python3";

    public static ProcessResult Run(string tool, params string[] args) => RunWithInput(tool, null, args);

    public static ProcessResult RunWithInput(string tool, string? stdin, params string[] args) =>
        ExternalProcess.RunToEnd(ExternalProcess.Command(tool, args), TimeSpan.FromSeconds(60), stdin);

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
