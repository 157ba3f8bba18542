using System.Collections.Concurrent;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Files;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Network;

/// <summary>A temporary folder deleted at dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cf-net-" + Guid.NewGuid().ToString("N"));

    public string Sub(string name)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed class InteropLog : IDicomNetworkLog
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public void Log(NetworkLogLevel level, string peer, string message) => Lines.Enqueue($"{level} [{peer}] {message}");

    public override string ToString() => string.Join('\n', Lines);
}

internal static class InteropData
{
    public const string PydicomFiles = "/usr/lib/python3/dist-packages/pydicom/data/test_files";

    public static string Pydicom(string name)
    {
        var path = Path.Combine(PydicomFiles, name);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"pydicom test file {path} is missing (apt-get install python3-pydicom)");
        }

        return path;
    }

    /// <summary>Writes small CT instances with their own UIDs: patients P0.., one study each, <paramref name="perStudy"/> images.</summary>
    public static List<string> WriteStudies(string folder, int studies, int perStudy, string root = "1.2.826.0.1.3680043.10.1")
    {
        var paths = new List<string>();
        for (var s = 0; s < studies; s++)
        {
            for (var i = 0; i < perStudy; i++)
            {
                var study = $"{root}.{s}";
                var sop = $"{study}.1.{i}";
                var dataset = new DicomDataset()
                    .Set(DicomTags.SOPClassUID, DicomVR.UI, DicomUids.CTImageStorage)
                    .Set(DicomTags.SOPInstanceUID, DicomVR.UI, sop)
                    .Set(DicomTags.StudyDate, DicomVR.DA, $"2026110{s % 9 + 1}")
                    .Set(DicomTags.Modality, DicomVR.CS, "CT")
                    .Set(DicomTags.PatientName, DicomVR.PN, $"DOE^PATIENT{s}")
                    .Set(DicomTags.PatientID, DicomVR.LO, $"P{s}")
                    .Set(DicomTags.StudyInstanceUID, DicomVR.UI, study)
                    .Set(DicomTags.SeriesInstanceUID, DicomVR.UI, study + ".1")
                    .Set(DicomTags.StudyID, DicomVR.SH, $"S{s}")
                    .Set(DicomTags.SeriesNumber, DicomVR.IS, "1")
                    .Set(DicomTags.InstanceNumber, DicomVR.IS, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Set(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1)
                    .Set(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2")
                    .Set(DicomTags.Rows, DicomVR.US, (ushort)64)
                    .Set(DicomTags.Columns, DicomVR.US, (ushort)64)
                    .Set(DicomTags.BitsAllocated, DicomVR.US, (ushort)16)
                    .Set(DicomTags.BitsStored, DicomVR.US, (ushort)12)
                    .Set(DicomTags.HighBit, DicomVR.US, (ushort)11)
                    .Set(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
                var pixels = new byte[64 * 64 * 2];
                new Random(s * 100 + i).NextBytes(pixels);
                dataset.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW, pixels));
                var path = Path.Combine(folder, sop + ".dcm");
                new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
                paths.Add(path);
            }
        }

        return paths;
    }

    /// <summary>Our SCP on a free port, storing into and answering queries from <paramref name="folder"/>.</summary>
    public static DicomServer StartServer(string folder, InteropLog log, Func<DicomServerOptions, DicomServerOptions>? configure = null)
    {
        var archive = new FolderArchive(folder);
        var options = new DicomServerOptions { AeTitle = "CLOUDFILM", Port = 0, Log = log, Policy = new AeTitlePolicy() };
        var server = new DicomServer(configure?.Invoke(options) ?? options,
            new DicomServiceHandlers { Store = new FolderStoreHandler(folder), Find = archive, Move = archive, Get = archive });
        server.Start();
        return server;
    }

    public static string TransferSyntaxOf(string path) => DicomFile.Open(path, DicomReadOptions.Default with { StopBeforePixelData = true }).TransferSyntax.Uid;
}
