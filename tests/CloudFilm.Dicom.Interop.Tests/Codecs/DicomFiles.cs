using System.Text.Json;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Interop.Tests.Codecs;

/// <summary>
/// Gets frames in and out of DICOM files through pydicom (dicom_frames.py), until the toolkit's own Part 10 reader
/// is available to these tests. Fails loudly when python3 or pydicom is missing.
/// </summary>
public static class DicomFiles
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Codecs", "dicom_frames.py");

    public sealed record FrameSet(string TransferSyntaxUid, PixelFormat Format, IReadOnlyList<byte[]> Frames);

    public static void WriteNative(string path, PixelFormat f, byte[] frame)
    {
        var raw = path + ".raw";
        File.WriteAllBytes(raw, frame);
        RunScript(["native-to-file", raw, path, .. Attributes(f)]);
    }

    public static void WriteEncapsulated(string path, string transferSyntaxUid, PixelFormat f, IReadOnlyList<byte[]> frames)
    {
        var files = new List<string>();
        for (int i = 0; i < frames.Count; i++)
        {
            var file = $"{path}.frame{i}";
            File.WriteAllBytes(file, frames[i]);
            files.Add(file);
        }

        RunScript(["encapsulated-to-file", path, transferSyntaxUid, .. Attributes(f), .. files]);
    }

    public static FrameSet Read(string path)
    {
        var dir = path + ".frames";
        RunScript(["frames", path, dir]);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "info.json")));
        var root = json.RootElement;
        int Get(string name) => root.GetProperty(name).GetInt32();
        var format = new PixelFormat(
            Get("Rows"), Get("Columns"), Get("SamplesPerPixel"), Get("BitsAllocated"), Get("BitsStored"), Get("HighBit"),
            Get("PixelRepresentation") == 1, root.GetProperty("PhotometricInterpretation").GetString()!,
            (PlanarConfiguration)Get("PlanarConfiguration"));
        var frames = new List<byte[]>();
        for (int i = 0; i < Get("Frames"); i++)
        {
            frames.Add(File.ReadAllBytes(Path.Combine(dir, $"frame{i}.bin")));
        }

        return new FrameSet(root.GetProperty("TransferSyntaxUid").GetString()!, format, frames);
    }

    private static string[] Attributes(PixelFormat f) =>
    [
        f.Rows.ToString(), f.Columns.ToString(), f.SamplesPerPixel.ToString(), f.BitsAllocated.ToString(),
        f.BitsStored.ToString(), f.IsSigned ? "1" : "0", f.PhotometricInterpretation,
    ];

    private static void RunScript(string[] arguments)
    {
        if (!File.Exists(ExternalTools.Python))
        {
            throw new InvalidOperationException($"{ExternalTools.Python} not found: install python3, python3-pydicom and python3-numpy from Debian");
        }

        try
        {
            ExternalTools.Run(ExternalTools.Python, [Script, .. arguments]);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("No module named", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("pydicom is missing: install python3-pydicom from Debian", e);
        }
    }
}
