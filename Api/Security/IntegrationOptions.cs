using System.ComponentModel.DataAnnotations;

namespace CloudFilm.Api.Security;

/// <summary>
/// Section <c>Integration</c>: the external systems (HIS, RIS, nuclear medicine, AI hosts) allowed to call the Api,
/// each with the SHA-256 of its API key and the permissions it holds beyond the integration endpoints.
/// </summary>
public sealed class IntegrationOptions : IValidatableObject
{
    public const string Section = "Integration";

    public List<IntegrationSystem> Systems { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Systems.Count; i++)
        {
            var system = Systems[i];
            var key = $"{Section}:Systems:{i}";
            if (string.IsNullOrWhiteSpace(system.Name))
            {
                yield return new ValidationResult($"{key}:Name is required.", [nameof(Systems)]);
            }
            if (system.KeySha256?.Trim() is not { Length: 64 } hash || !hash.All(Uri.IsHexDigit))
            {
                yield return new ValidationResult($"{key}:KeySha256 must be the SHA-256 of the system's key, 64 hex digits.", [nameof(Systems)]);
            }
            foreach (var permission in system.Permissions ?? [])
            {
                if (!SystemPermissions.All.Contains(permission, StringComparer.Ordinal))
                {
                    yield return new ValidationResult(
                        $"{key}:Permissions has '{permission}', which is not a permission; known: {string.Join(", ", SystemPermissions.All)}.", [nameof(Systems)]);
                }
            }
        }
        foreach (var duplicate in Systems.GroupBy(s => s.KeySha256?.Trim().ToLowerInvariant()).Where(g => g.Key is not null && g.Count() > 1))
        {
            yield return new ValidationResult($"{Section}:Systems: two systems have the same KeySha256 ({string.Join(", ", duplicate.Select(s => s.Name))}).", [nameof(Systems)]);
        }
    }
}

/// <summary>One system of <see cref="IntegrationOptions.Systems"/> (<c>Integration:Systems:N:…</c>).</summary>
public sealed class IntegrationSystem
{
    public string? Name { get; set; }

    /// <summary>SHA-256 (hex) of the key the system sends in <c>X-Api-Key</c>; the key itself is never configured.</summary>
    public string? KeySha256 { get; set; }

    /// <summary>
    /// What the key may do besides the integration endpoints (<see cref="SystemPermissions"/>). Absent or empty: none
    /// of them — a key configured before permissions existed keeps exactly what it could do then.
    /// </summary>
    public List<string>? Permissions { get; set; }
}

/// <summary>The permissions a system key can be given in <c>Integration:Systems:N:Permissions</c>.</summary>
public static class SystemPermissions
{
    /// <summary>DICOMweb (<c>/dicomweb</c>): query, retrieve and store images of every study.</summary>
    public const string DicomWeb = "dicomweb";

    public static readonly string[] All = [DicomWeb];
}
