using CloudFilm.Dicom.Imaging;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Imaging;

/// <summary>
/// Loads a file through our own data set reader. The Part 10 header is stripped by dcmconv and the transfer syntax
/// read with dcmdump, because this branch has a data set reader but no Part 10 file reader yet.
/// </summary>
internal static class ToolkitReader
{
    public static DicomImage Load(string path)
    {
        string syntaxText = System.Text.Encoding.ASCII.GetString(
            ExternalTool.Run("/usr/bin/dcmdump", "-q", "+P", "0002,0010", "-Un", path));
        // dcmdump prints e.g. "(0002,0010) UI [1.2.840.10008.1.2.1]  # ..." with -Un (UIDs as numbers).
        int open = syntaxText.IndexOf('[');
        int close = syntaxText.IndexOf(']', open + 1);
        string uid = syntaxText[(open + 1)..close].TrimEnd('\0', ' ');
        var syntax = DicomTransferSyntax.Lookup(uid);

        string bare = Path.Combine(Path.GetTempPath(), $"cloudfilm-bare-{Guid.NewGuid():N}.dcm");
        try
        {
            ExternalTool.Run("/usr/bin/dcmconv", "-q", "-F", path, bare);
            using var stream = File.OpenRead(bare);
            var dataset = DicomDatasetReader.Read(stream, syntax, new DicomReadOptions { DeferValuesFromBytes = 0 });
            return new DicomImage(dataset, syntax);
        }
        finally
        {
            File.Delete(bare);
        }
    }
}
