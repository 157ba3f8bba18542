namespace CloudFilm.Grains.Projections;

/// <summary>Finds the queue a registered exam joins, from the <c>queues</c> query table (campus and exam types).</summary>
public interface IQueueDirectory
{
    /// <summary>The queue of this campus whose exam types name the modality or the exam item; null when none does.</summary>
    Task<string?> FindQueueAsync(string campus, string modality, string examItem);
}
