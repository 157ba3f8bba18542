using CloudFilm.Api.DicomWeb.Access;
using System.Buffers;
using System.Text;
using CloudFilm.Archive.Blobs;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Deidentification;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Json;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CloudFilm.Api.DicomWeb.Retrieve;

/// <summary>Instance metadata (DICOM JSON) kept in memory, bounded by bytes (<see cref="RetrieveOptions.MetadataCacheMegabytes"/>), per Api copy.</summary>
public sealed class MetadataCache(IOptions<RetrieveOptions> options) : MemoryCache(Options.Create(new MemoryCacheOptions
{
    SizeLimit = options.Value.MetadataCacheMegabytes * 1024 * 1024,
    CompactionPercentage = 0.25,
}));

/// <summary>
/// Stored instances as DICOMweb answers them: opened from the blob store, de-identified for callers that must not see
/// who the patient is (PS3.15 Basic Profile with the options of share downloads, UIDs retained so the answers stay
/// addressable), transcoded to the negotiated syntax, and their metadata as DICOM JSON with BulkDataURIs.
/// </summary>
public sealed class StoredInstances(BlobStore blobs, MetadataCache metadata, IOptions<RetrieveOptions> options, ILogger<StoredInstances> logger)
{
    /// <summary>Opens the stored copy (pixel data read on demand); null when it is missing from the blob store.</summary>
    public DicomFile? Open(StoredInstance instance, bool deidentify, DicomReadOptions? readOptions = null)
    {
        if (!blobs.Exists(instance.BlobKey))
        {
            return null;
        }
        var file = DicomFile.Open(blobs.PathOf(instance.BlobKey), readOptions);
        if (deidentify)
        {
            DicomWebDeidentification.Apply(file.Dataset);
        }
        return file;
    }

    /// <summary>
    /// The Part 10 bytes of an instance in <paramref name="syntaxUid"/> (null: as stored), and the syntax they are in. A
    /// copy that cannot be brought to the syntax asked for goes out in Explicit VR Little Endian, or as stored; the part's
    /// Content-Type says which. The stored file is streamed untouched when nothing needs to change.
    /// </summary>
    public async Task<(string SyntaxUid, Func<Stream, CancellationToken, Task> Write)?> PrepareAsync(StoredInstance instance, string? syntaxUid, bool deidentify,
        CancellationToken cancellationToken)
    {
        if (!deidentify && (syntaxUid is null || syntaxUid == instance.TransferSyntaxUid))
        {
            if (!blobs.Exists(instance.BlobKey))
            {
                return null;
            }
            return (instance.TransferSyntaxUid, async (output, ct) =>
            {
                await using var stored = blobs.OpenRead(instance.BlobKey);
                await stored.CopyToAsync(output, ct);
            });
        }
        var file = Open(instance, deidentify);
        if (file is null)
        {
            return null;
        }
        var buffer = new MemoryStream();
        var written = Transcode(file, syntaxUid ?? file.TransferSyntax.Uid, buffer, instance.SopInstanceUid);
        await Task.CompletedTask;
        return (written, async (output, ct) =>
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(output, ct);
        });
    }

    private string Transcode(DicomFile file, string syntaxUid, MemoryStream buffer, string sop)
    {
        foreach (var candidate in new[] { syntaxUid, DicomUids.ExplicitVRLittleEndian })
        {
            try
            {
                var target = DicomTransferSyntax.Lookup(candidate);
                var result = file.TransferSyntax == target ? file : DicomTranscoder.Transcode(file, target);
                buffer.SetLength(0);
                result.Write(buffer);
                return candidate;
            }
            catch (DicomException e)
            {
                logger.LogWarning("Instance {Sop} cannot be sent in {Syntax}: {Reason}", sop, candidate, e.Message);
            }
        }
        buffer.SetLength(0);
        file.Write(buffer);
        return file.TransferSyntax.Uid;
    }

    /// <summary>
    /// The instance's metadata as one DICOM JSON object (PS3.18 F.2): the header up to Pixel Data, binary values longer
    /// than <see cref="RetrieveOptions.InlineBinaryMaxBytes"/> and Pixel Data as BulkDataURIs under
    /// <paramref name="instanceUri"/>/bulkdata. Kept in memory keyed on the stored copy's identity; null when the copy is missing.
    /// </summary>
    public byte[]? Metadata(StoredInstance instance, string instanceUri, bool deidentify)
    {
        var key = $"metadata|{instance.Identity}|{deidentify}|{instanceUri}";
        if (metadata.TryGetValue(key, out byte[]? json) && json is not null)
        {
            return json;
        }
        var file = Open(instance, deidentify, new DicomReadOptions { StopBeforePixelData = true });
        if (file is null)
        {
            return null;
        }
        json = MetadataJson(file, instanceUri + "/bulkdata", options.Value.InlineBinaryMaxBytes);
        metadata.Set(key, json, new MemoryCacheEntryOptions { Size = json.Length + key.Length, SlidingExpiration = TimeSpan.FromHours(1) });
        return json;
    }

    private static byte[] MetadataJson(DicomFile file, string bulkDataRoot, int inlineMax)
    {
        var dataset = file.Dataset;
        var writer = new ArrayBufferWriter<byte>();
        DicomJsonWriter.Write(writer, dataset, new DicomJsonWriterOptions
        {
            BulkDataUri = (item, path) => LengthOf(item) > inlineMax ? bulkDataRoot + "/" + path : null,
        });
        var json = writer.WrittenSpan.ToArray();
        if (!file.IsPixelDataOmitted)
        {
            return json;
        }
        // Reading stopped at Pixel Data, the last element that matters: it goes last, as a BulkDataURI (PS3.18 F.2.7).
        var vr = file.TransferSyntax.IsEncapsulated || dataset.GetValueOrDefault(DicomTags.BitsAllocated, (ushort)16) <= 8 ? "OB" : "OW";
        var pixel = Encoding.UTF8.GetBytes($"\"7FE00010\":{{\"vr\":\"{vr}\",\"BulkDataURI\":\"{bulkDataRoot}/7FE00010\"}}}}");
        var separator = json.Length > 2 ? "," : "";
        return [.. json.AsSpan(0, json.Length - 1), .. Encoding.ASCII.GetBytes(separator), .. pixel];
    }

    private static long LengthOf(DicomItem item) => item switch
    {
        DicomElement element => element.Length,
        DicomFragmentSequence fragments => fragments.Fragments.Sum(f => f.Length),
        _ => 0,
    };
}
