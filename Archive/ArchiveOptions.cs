using System.ComponentModel.DataAnnotations;

namespace CloudFilm.Archive;

/// <summary>What to do with an instance whose SOP Instance UID is already stored.</summary>
public enum DuplicatePolicy
{
    /// <summary>Keep the stored copy and answer success (what most PACS do; a resend is harmless).</summary>
    KeepFirst = 0,

    /// <summary>Replace the stored copy and its index row (a corrected resend wins).</summary>
    Replace = 1,
}

/// <summary>Settings of the archive, section <c>Archive</c>.</summary>
public sealed class ArchiveOptions
{
    public const string Section = "Archive";

    /// <summary>Root folder of the filesystem blob store; shared by every DicomNode and Api copy.</summary>
    [Required]
    public string BlobRoot { get; set; } = "";

    public DuplicatePolicy Duplicates { get; set; } = DuplicatePolicy.KeepFirst;

    /// <summary>Compress stored copies to JPEG-LS lossless in the background.</summary>
    public bool Compress { get; set; } = true;

    /// <summary>Compression waits until no instance has arrived for this long, so a burst is acknowledged at full speed.</summary>
    public TimeSpan CompressionQuietPeriod { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest compression waits for a quiet moment before it compresses one instance anyway.</summary>
    public TimeSpan CompressionMaxDeferral { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Instances compressed at once by one node (0: one per processor). Compression runs only in quiet moments, so
    /// using every core then catches up sooner without slowing the next burst.
    /// </summary>
    [Range(0, 64)]
    public int CompressionWorkers { get; set; }

    /// <summary>
    /// How often the blob store is checked against the index (0: never): an object without an index row (the node
    /// stopped between storing and indexing it) is indexed, a copy no row points at any more is removed.
    /// </summary>
    public TimeSpan OrphanCheckInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Objects younger than this are left to the ingest that is writing them.</summary>
    public TimeSpan OrphanMinimumAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest number of instances indexed in one transaction.</summary>
    [Range(1, 1000)]
    public int IndexBatchSize { get; set; } = 64;
}
