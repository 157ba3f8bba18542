using System.Diagnostics;

namespace CloudFilm.Dicom.Interop.Tests.Imaging;

/// <summary>Runs a Debian tool the interop tests compare against; a missing tool fails the test with its name.</summary>
internal static class ExternalTool
{
    public static byte[] Run(string program, params string[] arguments)
    {
        if (!File.Exists(program))
        {
            throw new InvalidOperationException(
                $"{program} is missing: install it (Debian packages dcmtk, python3-pydicom) to run the imaging interop tests");
        }

        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var errors = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited {process.ExitCode}: {errors.Result}");
        }

        return output.ToArray();
    }

    public static string Python(string script, params string[] arguments) =>
        System.Text.Encoding.UTF8.GetString(Run("/usr/bin/python3", ["-c", script, .. arguments]));
}
