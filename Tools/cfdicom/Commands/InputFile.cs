using CloudFilm.Dicom.IO;

namespace CloudFilm.Tools.CfDicom.Commands;

/// <summary>Opens the file a command was given; access problems become I/O errors so they print as one line.</summary>
internal static class InputFile
{
    public static DicomFile Open(string path)
    {
        try
        {
            return DicomFile.Open(path);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException(e.Message, e);
        }
    }
}
