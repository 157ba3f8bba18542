
using CloudFilm.Grains.Abstractions.Archive;

namespace CloudFilm.DicomNode.Notifications;

/// <summary>Where arrivals are told: the StudyGrain of the accession in production, a recorder in tests.</summary>
public interface IStudyArrivalTarget
{
    Task<ImageMatch> RecordAsync(string accessionNumber, ImageArrival arrival, CancellationToken cancellationToken);
}
