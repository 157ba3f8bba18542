using CloudFilm.Archive;
using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Index;
using CloudFilm.Dicom.IO;
using CloudFilm.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CloudFilm.Api.Tests.DicomWeb;

/// <summary>Stores Part 10 files into the archive the Api reads (blob store and index), as the DICOM front node does after a C-STORE.</summary>
public static class ArchivedInstances
{
    public static async Task StoreAsync(this ApiFixture fixture, params DicomFile[] files)
    {
        var blobs = new BlobStore(ApiHostEnvironment.BlobRoot);
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var writer = new InstanceIndexWriter(dataSource, DuplicatePolicy.KeepFirst, 8, NullLogger<InstanceIndexWriter>.Instance);
        foreach (var file in files)
        {
            var sop = file.Dataset.GetString(CloudFilm.Dicom.Dictionary.DicomTags.SOPInstanceUID)!;
            var study = file.Dataset.GetString(CloudFilm.Dicom.Dictionary.DicomTags.StudyInstanceUID)!;
            var key = BlobStore.KeyOf(study, sop);
            Directory.CreateDirectory(Path.GetDirectoryName(blobs.PathOf(key))!);
            file.Save(blobs.PathOf(key));
            var stored = InstanceAttributes.OpenStored(blobs.PathOf(key));
            var record = InstanceAttributes.ReadStored(stored, new InstanceEnvelope(
                file.Dataset.GetString(CloudFilm.Dicom.Dictionary.DicomTags.SOPClassUID)!, sop, file.TransferSyntax.Uid, "CT1",
                new FileInfo(blobs.PathOf(key)).Length, DateTimeOffset.UtcNow));
            await writer.WriteAsync(record, enqueueCompression: false, default);
        }
    }
}
