using System.Text.Json;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Benchmarks.Codec;

/// <summary>
/// Reads the first frame of many DICOM files through pydicom in one python process (export_frames.py); the
/// benchmark measures codecs, not file parsing.
/// </summary>
internal static class FrameExport
{
    public static List<(BenchImage Image, string TransferSyntaxUid)> Load(IReadOnlyList<string> files, string workDirectory)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Codec", "export_frames.py");
        Processes.Run("/usr/bin/python3", [script, "export", workDirectory, .. files]);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(workDirectory, "manifest.json")));
        var result = new List<(BenchImage, string)>();
        foreach (var e in manifest.RootElement.EnumerateArray())
        {
            int Get(string name) => e.GetProperty(name).GetInt32();
            var format = new PixelFormat(
                Get("Rows"), Get("Columns"), Get("SamplesPerPixel"), Get("BitsAllocated"), Get("BitsStored"), Get("HighBit"),
                Get("PixelRepresentation") == 1, e.GetProperty("PhotometricInterpretation").GetString()!);
            var frame = File.ReadAllBytes(e.GetProperty("Frame").GetString()!);
            result.Add((new BenchImage(e.GetProperty("Source").GetString()!, format, frame), e.GetProperty("TransferSyntaxUid").GetString()!));
        }

        return result;
    }
}
