using System.ComponentModel.DataAnnotations;

namespace CloudFilm.Api.Imaging;

/// <summary>Section <c>Imaging</c>: memory for rendered cloud film frames, per Api copy.</summary>
public sealed class FrameCacheOptions
{
    public const string Section = "Imaging";

    [Range(1, 1024 * 1024, ErrorMessage = "Imaging:FrameCacheMegabytes must be between 1 and 1048576.")]
    public long FrameCacheMegabytes { get; set; } = 256;
}
