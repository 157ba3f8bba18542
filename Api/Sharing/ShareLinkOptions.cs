using System.ComponentModel.DataAnnotations;

namespace CloudFilm.Api.Sharing;

/// <summary>
/// The Api's keys of section <c>Sharing</c>: where phones reach the share links and who signs the messages. The
/// silo reads the same section's share policy keys through <c>SharingOptions</c> (Grains).
/// </summary>
public sealed class ShareLinkOptions : IValidatableObject
{
    public const string Section = "Sharing";

    /// <summary>Where phones reach the Api (the hospital's public host name), in SMS texts and QR codes.</summary>
    [Required(ErrorMessage = "Sharing:PublicBaseUrl is required.")]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Signs the messages: 【name】.</summary>
    [Required(ErrorMessage = "Sharing:HospitalName is required.")]
    public string HospitalName { get; set; } = "CloudFilm";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Sharing:PublicBaseUrl must be an absolute http or https URL.", [nameof(PublicBaseUrl)]);
        }
    }
}
