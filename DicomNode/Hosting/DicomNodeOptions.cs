using System.ComponentModel.DataAnnotations;

namespace CloudFilm.DicomNode.Hosting;

/// <summary>Settings of the DICOM services, section <c>Dicom</c>.</summary>
public sealed class DicomNodeOptions
{
    public const string Section = "Dicom";

    [Required, RegularExpression("^[ -~]{1,16}$", ErrorMessage = "Dicom:AeTitle must be 1-16 printable ASCII characters")]
    public string AeTitle { get; set; } = "CLOUDFILM";

    [Range(0, 65535)]
    public int Port { get; set; } = 11112;

    /// <summary>Address to listen on; 127.0.0.1 by default, 0.0.0.0 to serve the hospital network.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    [Range(1, 1024)]
    public int MaxAssociations { get; set; } = 64;

    /// <summary>Tell the StudyGrain about arriving images (needs the Orleans cluster). Off only for tools and tests.</summary>
    public bool NotifyStudies { get; set; } = true;

    /// <summary>How long the peers list is cached before PostgreSQL is asked again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan PeerCacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
