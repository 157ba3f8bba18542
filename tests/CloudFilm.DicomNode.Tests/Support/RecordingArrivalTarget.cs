using System.Collections.Concurrent;
using CloudFilm.DicomNode.Notifications;
using CloudFilm.Grains.Abstractions.Archive;

namespace CloudFilm.DicomNode.Tests.Support;

/// <summary>Stands for the StudyGrain: records what it is told; accessions in <see cref="Registered"/> match.</summary>
public sealed class RecordingArrivalTarget : IStudyArrivalTarget
{
    public ConcurrentDictionary<string, ImageArrival> Latest { get; } = new();

    public ConcurrentDictionary<string, bool> Registered { get; } = new();

    public Task<ImageMatch> RecordAsync(string accessionNumber, ImageArrival arrival, CancellationToken cancellationToken)
    {
        Latest.AddOrUpdate(arrival.StudyInstanceUid, arrival, (_, known) => known.Revision < arrival.Revision ? arrival : known);
        return Task.FromResult(Registered.ContainsKey(accessionNumber) ? ImageMatch.Matched : ImageMatch.NotRegistered);
    }
}
