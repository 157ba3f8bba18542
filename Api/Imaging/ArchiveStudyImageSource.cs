using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Reading;
using CloudFilm.Archive;
using CloudFilm.Dicom.IO;
using CloudFilm.Grains.Abstractions.Studies;
using Microsoft.Extensions.Options;

namespace CloudFilm.Api.Imaging;

/// <summary>
/// A study's images from the archive: the study's grain knows which DICOM studies arrived for its accession and
/// belong to its patient (images of another patient id under the same accession are never shown here), the
/// archive's index lists their series and instances, and the blob store holds the files.
/// </summary>
public sealed class ArchiveStudyImageSource(IClusterClient cluster, IArchiveReader archive) : IStudyImageSource
{
    public async Task<IReadOnlyList<StudyImageSeries>> ListSeriesAsync(string studyKey, CancellationToken cancellationToken)
    {
        var arrivals = await cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(studyKey)).GetMatchedImagesAsync();
        var result = new List<StudyImageSeries>();
        foreach (var arrival in arrivals)
        {
            foreach (var series in await archive.ListSeriesAsync(arrival.StudyInstanceUid, cancellationToken))
            {
                result.Add(new StudyImageSeries(series.SeriesInstanceUid, series.Modality, series.SeriesNumber, series.SeriesDescription,
                    [.. series.Instances.Select(i => new StudyImage(i.SopInstanceUid, i.SopClassUid, i.InstanceNumber, i.NumberOfFrames,
                        i.StoredBytes, HasPixels: i.Rows is > 0 && i.Columns is > 0))]));
            }
        }
        return result;
    }

    public async Task<DicomFile?> OpenAsync(string studyKey, string sopInstanceUid, CancellationToken cancellationToken)
    {
        // Only an instance of this study: a share link must not open any other instance by its UID. The file names
        // its study, which must be one the order's grain recorded — no listing of every series per instance opened.
        var file = await archive.OpenInstanceAsync(sopInstanceUid, cancellationToken);
        if (file is null)
        {
            return null;
        }
        var studyUid = file.Dataset.GetString(CloudFilm.Dicom.Dictionary.DicomTags.StudyInstanceUID)?.TrimEnd('\0', ' ');
        var arrivals = await cluster.GetGrain<IStudyGrain>(StudyKeys.GrainKey(studyKey)).GetMatchedImagesAsync();
        return arrivals.Any(a => a.StudyInstanceUid == studyUid) ? file : null;
    }
}

public static class ArchiveReadingSetup
{
    /// <summary>The archive as the Api reads it: the same blob store folder and index the DICOM front node writes.</summary>
    public static IServiceCollection AddCloudFilmArchiveReading(this IServiceCollection services)
    {
        services.AddArchiveOptions();
        services.AddSingleton(sp => new BlobStore(sp.GetRequiredService<IOptions<ArchiveOptions>>().Value.BlobRoot));
        services.AddSingleton<IArchiveReader, ArchiveReader>();
        services.AddSingleton<IStudyImageSource, ArchiveStudyImageSource>();
        services.AddOptions<FrameCacheOptions>().BindConfiguration(FrameCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RenderedFrameCache>();
        return services;
    }
}
