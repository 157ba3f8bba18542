using System.ComponentModel.DataAnnotations;

namespace CloudFilm.Api.DicomWeb.Http;

/// <summary>
/// Section <c>DicomWeb:Cors</c>: browsers on these origins may call DICOMweb (a viewer served from another host). Off
/// (no origins) by default: only pages of the Api's own origin can.
/// </summary>
public sealed class DicomWebCorsOptions : IValidatableObject
{
    public const string Section = "DicomWeb:Cors";

    /// <summary>Origins as browsers send them (<c>https://viewer.hospital.example</c>, with a port when not the default), or <c>*</c>.</summary>
    public List<string> Origins { get; set; } = [];

    /// <summary>Whether the browser sends its cookies (staff sign-in, a share's viewer proof) cross-origin. Never with <c>*</c>.</summary>
    public bool AllowCredentials { get; set; }

    /// <summary>How long a browser may keep a preflight answer.</summary>
    [Range(0, 86_400, ErrorMessage = "DicomWeb:Cors:MaxAgeSeconds must be between 0 and 86400.")]
    public int MaxAgeSeconds { get; set; } = 600;

    public bool Enabled => Origins.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (i, origin) in Origins.Index())
        {
            if (origin == "*")
            {
                if (AllowCredentials)
                {
                    yield return new ValidationResult("DicomWeb:Cors:Origins cannot be * when DicomWeb:Cors:AllowCredentials is true: name the origins.", [nameof(Origins)]);
                }
                continue;
            }
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
                || url.AbsolutePath != "/" || origin.EndsWith('/') || url.Query.Length > 0 || url.UserInfo.Length > 0)
            {
                yield return new ValidationResult(
                    $"DicomWeb:Cors:Origins:{i} is '{origin}', which is not an origin: scheme, host and optional port only, as https://viewer.example:8443.", [nameof(Origins)]);
            }
        }
    }
}
