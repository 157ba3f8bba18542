using System.ComponentModel.DataAnnotations;

namespace CloudFilm.Api.DicomWeb.Store;

/// <summary>Limits of STOW-RS, section <c>DicomWeb</c>.</summary>
public sealed class StowOptions : IValidatableObject
{
    public const string Section = "DicomWeb";

    /// <summary>Largest STOW-RS request body (all parts together); a larger one is answered 413.</summary>
    [Range(1024L, 1L << 40, ErrorMessage = "DicomWeb:MaxStoreRequestBytes must be between 1 KiB and 1 TiB.")]
    public long MaxStoreRequestBytes { get; set; } = 4L << 30;

    /// <summary>Largest single instance (part) of a STOW-RS request; a larger part fails alone (0xA700).</summary>
    [Range(1024L, 1L << 40, ErrorMessage = "DicomWeb:MaxStorePartBytes must be between 1 KiB and 1 TiB.")]
    public long MaxStorePartBytes { get; set; } = 2L << 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxStorePartBytes > MaxStoreRequestBytes)
        {
            yield return new ValidationResult("DicomWeb:MaxStorePartBytes must not exceed DicomWeb:MaxStoreRequestBytes.",
                [nameof(MaxStorePartBytes), nameof(MaxStoreRequestBytes)]);
        }
    }
}
