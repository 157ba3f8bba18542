using System.Security.Cryptography;
using System.Text;
using CloudFilm.Api.Problems;

namespace CloudFilm.Api.Security;

/// <summary>
/// The external systems allowed to call the integration endpoints (HIS, RIS, nuclear medicine), each with an API
/// key. Configuration holds only the SHA-256 of each key (<c>Integration:Systems:N:Name</c>,
/// <c>Integration:Systems:N:KeySha256</c>), so neither the repository nor the configuration store reveals a key.
/// </summary>
public sealed class SystemKeys
{
    public const string Header = "X-Api-Key";

    private readonly Dictionary<string, string> _systemsByKeyHash;

    public SystemKeys(IConfiguration configuration)
    {
        _systemsByKeyHash = configuration.GetSection("Integration:Systems").GetChildren()
            .Where(s => !string.IsNullOrWhiteSpace(s["Name"]) && !string.IsNullOrWhiteSpace(s["KeySha256"]))
            .ToDictionary(s => s["KeySha256"]!.Trim().ToLowerInvariant(), s => s["Name"]!, StringComparer.Ordinal);
    }

    /// <summary>The system a key belongs to, or null.</summary>
    public string? Identify(string? key) =>
        string.IsNullOrEmpty(key) ? null : _systemsByKeyHash.GetValueOrDefault(Hash(key));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

public static class SystemKeyEndpoints
{
    private const string SystemItem = "cloudfilm.system";

    /// <summary>Only callers presenting a configured system key get through; others get 401 problem details.</summary>
    public static TBuilder RequireSystemKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var system = http.RequestServices.GetRequiredService<SystemKeys>().Identify(http.Request.Headers[SystemKeys.Header]);
            if (system is null)
            {
                return ProblemCatalogue.SystemKeyRequired.Answer();
            }
            http.Items[SystemItem] = system;
            return await next(context);
        });

    /// <summary>The name of the calling system (after <see cref="RequireSystemKey"/>).</summary>
    public static string CallingSystem(this HttpContext http) => (string)http.Items[SystemItem]!;
}
