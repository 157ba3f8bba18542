using System.IO.Compression;
using System.Text;
using CloudFilm.Api.Imaging;
using CloudFilm.Dicom.Deidentification;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Imaging;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Media;

namespace CloudFilm.Api.Sharing.Downloads;

/// <summary>
/// Writes a study as a zip straight into a stream (the HTTP response), one instance at a time, so nothing is built
/// whole in memory: either the DICOM files with a DICOMDIR and a read-me naming free viewers, or one JPEG per
/// image. De-identified packages go through the PS3.15 de-identifier with one UID map for the whole package.
/// </summary>
public static class StudyPackage
{
    public static async Task WriteDicomAsync(Stream output, IAsyncEnumerable<DicomFile> instances, bool deidentify, CancellationToken cancellationToken)
    {
        await using var bridge = new DrainableStream(output);
        using (var zip = new ZipArchive(bridge, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            await WriteDicomEntriesAsync(zip, bridge, instances, deidentify, cancellationToken);
        }
        await bridge.DrainAsync(cancellationToken);
    }

    private static async Task WriteDicomEntriesAsync(ZipArchive zip, DrainableStream bridge, IAsyncEnumerable<DicomFile> instances, bool deidentify,
        CancellationToken cancellationToken)
    {
        var directory = new DicomDirectoryBuilder();
        var deidentifier = deidentify ? new Deidentifier(new DeidentificationOptions(), UidMap.Random()) : null;
        var series = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        await foreach (var file in instances.WithCancellation(cancellationToken))
        {
            deidentifier?.Apply(file.Dataset);
            var copy = new DicomFile(file.Dataset, file.TransferSyntax);
            var seriesUid = copy.Dataset.GetString(DicomTags.SeriesInstanceUID) ?? "";
            if (!series.TryGetValue(seriesUid, out var seriesNumber))
            {
                seriesNumber = series[seriesUid] = series.Count + 1;
            }
            count++;
            string[] fileId = ["DICOM", "PAT00001", "STU00001", $"SER{seriesNumber:D5}", $"IM{count:D6}"];
            // Stored copies are already compressed: storing them again in the zip costs time and gains nothing.
            await WriteEntryAsync(zip.CreateEntry(string.Join('/', fileId), CompressionLevel.NoCompression), bridge, copy.Write, cancellationToken);
            directory.Add(fileId, copy);
        }
        await WriteEntryAsync(zip.CreateEntry("DICOMDIR", CompressionLevel.Optimal), bridge, directory.Build("CLOUDFILM").Write, cancellationToken);
        await WriteEntryAsync(zip.CreateEntry("README.txt", CompressionLevel.Optimal), bridge,
            s => s.Write([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(ReadMe(count, deidentify))]), cancellationToken);
    }

    /// <summary>Writes one entry, then passes its bytes on: at most one file is held in memory.</summary>
    private static async Task WriteEntryAsync(ZipArchiveEntry entry, DrainableStream bridge, Action<Stream> write, CancellationToken cancellationToken)
    {
        using (var stream = entry.Open())
        {
            write(stream);
        }
        await bridge.DrainAsync(cancellationToken);
    }

    public static async Task WriteJpegAsync(Stream output, IAsyncEnumerable<DicomFile> instances, CancellationToken cancellationToken)
    {
        await using var bridge = new DrainableStream(output);
        using (var zip = new ZipArchive(bridge, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            await WriteJpegEntriesAsync(zip, bridge, instances, cancellationToken);
        }
        await bridge.DrainAsync(cancellationToken);
    }

    private static async Task WriteJpegEntriesAsync(ZipArchive zip, DrainableStream bridge, IAsyncEnumerable<DicomFile> instances, CancellationToken cancellationToken)
    {
        var series = new Dictionary<string, int>(StringComparer.Ordinal);
        var images = new Dictionary<int, int>();
        await foreach (var file in instances.WithCancellation(cancellationToken))
        {
            var seriesUid = file.Dataset.GetString(DicomTags.SeriesInstanceUID) ?? "";
            if (!series.TryGetValue(seriesUid, out var seriesNumber))
            {
                seriesNumber = series[seriesUid] = series.Count + 1;
            }
            if (file.Dataset.Find(DicomTags.PixelData) is null)
            {
                continue; // reports, measurements: nothing to draw
            }
            var image = new DicomImage(file.Dataset, file.TransferSyntax);
            for (var frame = 0; frame < image.FrameCount; frame++)
            {
                var jpeg = FrameEncoder.Encode(image.Render(frame), FrameImageFormat.Jpeg, quality: 92);
                var index = images[seriesNumber] = images.GetValueOrDefault(seriesNumber) + 1;
                await WriteEntryAsync(zip.CreateEntry($"series-{seriesNumber:D2}/image-{index:D4}.jpg", CompressionLevel.NoCompression), bridge,
                    s => s.Write(jpeg), cancellationToken);
            }
        }
    }

    /// <summary>What the read-me says: how to open the files, in Chinese and English.</summary>
    public static string ReadMe(int instances, bool deidentified) => $"""
        云胶片 DICOM 影像 / Cloud film DICOM images
        ============================================

        本压缩包包含 {instances} 个 DICOM 影像文件和一个 DICOMDIR 目录文件{(deidentified ? "，已去除患者身份信息" : "")}。
        解压后，用任一 DICOM 阅片软件打开 DICOMDIR（或 DICOM 文件夹）即可查看，例如以下免费软件：

          - Weasis（Windows、macOS、Linux，开源免费）
          - MicroDicom（Windows，非商业用途免费）
          - Horos（macOS，开源免费）
          - 3D Slicer（Windows、macOS、Linux，开源免费）

        影像供参考和转交医生使用；诊断以医院出具的正式报告为准。

        This archive holds {instances} DICOM image files and a DICOMDIR{(deidentified ? "; the patient's identity has been removed" : "")}.
        Unzip it and open the DICOMDIR (or the DICOM folder) with any DICOM viewer, for example these free ones:
        Weasis (Windows, macOS, Linux; open source), MicroDicom (Windows; free for non-commercial use),
        Horos (macOS; open source), 3D Slicer (Windows, macOS, Linux; open source).
        The images are for reference and for showing to doctors; the hospital's signed report is what counts.

        """;
}
