using CloudFilm.Dicom.Imaging;

namespace CloudFilm.Dicom.Interop.Tests.Imaging;

/// <summary>Loads a file through our own Part 10 reader, pixel data and codecs.</summary>
internal static class ToolkitReader
{
    public static DicomImage Load(string path) => DicomImage.Open(path);
}
