namespace CloudFilm.Dicom.Interop.Tests.Imaging;

/// <summary>Runs a Debian tool the imaging tests compare against, failing on a non-zero exit; a missing tool fails the test naming its package.</summary>
internal static class ExternalTool
{
    public static string Run(string program, params string[] arguments) => ExternalProcess.Run(program, arguments, TimeSpan.FromMinutes(5));

    public static string Python(string script, params string[] arguments) => Run("/usr/bin/python3", ["-c", script, .. arguments]);
}
