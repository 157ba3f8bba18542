namespace CloudFilm.DicomNode.Retrieval;

/// <summary>
/// The existing PACS the node pulls from, section <c>Pacs</c>. The PACS must know this node as a C-MOVE destination
/// (our AE title, host and port), and must be a row of <c>dicom_peers</c> so its C-STOREs are accepted.
/// </summary>
public sealed class PacsOptions
{
    public const string Section = "Pacs";

    public List<PacsEntry> Systems { get; set; } = [];

    /// <summary>Pause after each study, so a historical migration leaves the PACS room for its daily work.</summary>
    public TimeSpan PauseBetweenStudies { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a job stays with the worker that took it without news before another may resume it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public PacsEntry? Find(string name) => name.Length == 0 ? Systems.FirstOrDefault() : Systems.FirstOrDefault(s => s.Name == name);

    public sealed class PacsEntry
    {
        public string Name { get; set; } = "";
        public string AeTitle { get; set; } = "";
        public string Host { get; set; } = "";
        public int Port { get; set; } = 104;
    }
}
