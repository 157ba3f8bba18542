namespace CloudFilm.Dicom.Interop.Tests.Imaging;

/// <summary>DCMTK's reference rendering (dcm2pnm, 8-bit binary PGM/PPM).</summary>
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

    /// <summary>JPEG 2000 has no DCMTK decoder here: GDCM (OpenJPEG) writes the native file dcm2pnm renders.</summary>
    public static Pnm RenderAfterGdcm(string path, params string[] options)
    {
        string native = Path.Combine(Path.GetTempPath(), $"cloudfilm-native-{Guid.NewGuid():N}.dcm");
        try
        {
            ExternalTool.Run("/usr/bin/gdcmconv", "--raw", path, native);
            return Render(native, options);
        }
        finally
        {
            File.Delete(native);
        }
    }

    /// <summary>
    /// Debian's dcm2pnm has no JPEG or JPEG-LS decoder built in: DCMTK's own decompressor (dcmdjpeg with IJG, dcmdjpls
    /// with CharLS) writes the native file it then renders.
    /// </summary>
    public static Pnm RenderDecompressed(string decompressor, string path, params string[] options)
    {
        string native = Path.Combine(Path.GetTempPath(), $"cloudfilm-native-{Guid.NewGuid():N}.dcm");
        try
        {
            ExternalTool.Run(decompressor, "-q", path, native);
            return Render(native, options);
        }
        finally
        {
            File.Delete(native);
        }
    }
}
