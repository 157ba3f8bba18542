using CloudFilm.Grains.Abstractions.Archive;
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.DicomNode.Notifications;

/// <summary>Tells the StudyGrain of the accession number (the study key).</summary>
public sealed class StudyGrainArrivalTarget(IGrainFactory grains) : IStudyArrivalTarget
{
    public Task<ImageMatch> RecordAsync(string accessionNumber, ImageArrival arrival, CancellationToken cancellationToken) =>
        grains.GetGrain<IStudyGrain>(StudyKeys.GrainKey(StudyKeys.OfAccession(accessionNumber))).RecordImagesAsync(arrival).WaitAsync(cancellationToken);
}
