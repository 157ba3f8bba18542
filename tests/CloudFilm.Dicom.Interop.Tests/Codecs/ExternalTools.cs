namespace CloudFilm.Dicom.Interop.Tests.Codecs;

/// <summary>
/// Runs the Debian tools the codec tests compare against, failing on a non-zero exit. A missing tool fails the test
/// naming the package to install; it never makes a test pass silently.
/// </summary>
public static class ExternalTools
{
    public const string Python = "/usr/bin/python3";

    public static string Run(string tool, params string[] arguments) => ExternalProcess.Run(tool, arguments, TimeSpan.FromSeconds(120));
}
