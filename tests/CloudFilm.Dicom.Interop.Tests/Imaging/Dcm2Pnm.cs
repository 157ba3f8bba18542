namespace CloudFilm.Dicom.Interop.Tests.Imaging;

/// <summary>DCMTK's reference rendering (dcm2pnm, 8-bit binary PGM/PPM on stdout).</summary>
internal static class Dcm2Pnm
{
    public static Pnm Render(string path, params string[] options)
    {
        string output = Path.Combine(Path.GetTempPath(), $"cloudfilm-dcm2pnm-{Guid.NewGuid():N}.pnm");
        try
        {
            ExternalTool.Run("/usr/bin/dcm2pnm", ["-q", .. options, path, output]);
            return Pnm.Parse(File.ReadAllBytes(output));
        }
        finally
        {
            File.Delete(output);
        }
    }
}
