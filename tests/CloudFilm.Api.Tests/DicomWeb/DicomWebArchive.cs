using CloudFilm.Archive;
using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Index;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;
using Microsoft.Extensions.Logging.Abstractions;
using CloudFilm.Testing;
using Npgsql;

namespace CloudFilm.Api.Tests.DicomWeb;

/// <summary>
/// Stores instances into the test Api's archive as the DICOM node does: the Part 10 file at its blob key, then the
/// index row read back from that file (so names pass through the toolkit's decoding of their character set).
/// </summary>
public sealed class DicomWebArchive(ApiFixture fixture)
{
    private readonly BlobStore _blobs = new(ApiHostEnvironment.BlobRoot);

    /// <summary>Stores a data set as Explicit VR Little Endian.</summary>
    public Task StoreAsync(DicomDataset dataset) => StoreAsync(new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian));

    /// <summary>Stores a Part 10 file in its own transfer syntax (e.g. JPEG-LS, as the compression worker leaves a copy).</summary>
    public async Task StoreAsync(DicomFile instance)
    {
        var dataset = instance.Dataset;
        var study = dataset.GetString(DicomTags.StudyInstanceUID)!;
        var sop = dataset.GetString(DicomTags.SOPInstanceUID)!;
        var key = BlobStore.KeyOf(study, sop);
        long bytes;
        using (var stream = _blobs.CreateTemporary())
        {
            instance.Write(stream);
            stream.Flush(flushToDisk: true);
            bytes = stream.Length;
            _blobs.Commit(stream.Name, key);
        }
        var file = InstanceAttributes.OpenStored(_blobs.PathOf(key));
        var record = InstanceAttributes.ReadStored(file, new InstanceEnvelope(
            dataset.GetString(DicomTags.SOPClassUID)!, sop, instance.TransferSyntax.Uid, "CT1", bytes, DateTimeOffset.UtcNow));
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var writer = new InstanceIndexWriter(dataSource, DuplicatePolicy.KeepFirst, 8, NullLogger<InstanceIndexWriter>.Instance);
        await writer.WriteAsync(record, false, default);
    }

    /// <summary>Stores <paramref name="count"/> instances of a <see cref="TestSeries"/>.</summary>
    public async Task StoreAsync(TestSeries series, int count = 1, Action<DicomDataset>? change = null)
    {
        for (var i = 1; i <= count; i++)
        {
            var instance = series.Instance(i);
            change?.Invoke(instance);
            await StoreAsync(instance);
        }
    }
}
