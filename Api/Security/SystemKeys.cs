using System.Security.Cryptography;
using System.Text;
using CloudFilm.Api.Problems;
using Microsoft.Extensions.Options;

namespace CloudFilm.Api.Security;

/// <summary>
/// The external systems allowed to call the integration endpoints (HIS, RIS, nuclear medicine), each with an API
/// key. Configuration holds only the SHA-256 of each key (<see cref="IntegrationOptions"/>), so neither the
/// repository nor the configuration store reveals a key.
/// </summary>
public sealed class SystemKeys
{
    public const string Header = "X-Api-Key";

    private readonly Dictionary<string, IntegrationSystem> _systemsByKeyHash;

    public SystemKeys(IOptions<IntegrationOptions> options)
    {
        _systemsByKeyHash = options.Value.Systems
            .ToDictionary(s => s.KeySha256!.Trim().ToLowerInvariant(), StringComparer.Ordinal);
    }

    /// <summary>The name of the system a key belongs to, or null.</summary>
    public string? Identify(string? key) => Find(key)?.Name;

    /// <summary>The system a key belongs to, with its permissions, or null.</summary>
    public IntegrationSystem? Find(string? key) =>
        string.IsNullOrEmpty(key) ? null : _systemsByKeyHash.GetValueOrDefault(Hash(key));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

public static class SystemKeyEndpoints
{
    private const string SystemItem = "cloudfilm.system";

    /// <summary>The configured systems and their keys (<c>Integration:Systems</c>), validated at start-up.</summary>
    public static IServiceCollection AddCloudFilmSystemKeys(this IServiceCollection services)
    {
        services.AddOptions<IntegrationOptions>().BindConfiguration(IntegrationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SystemKeys>();
        return services;
    }

    /// <summary>Whether the system holds a permission (<see cref="SystemPermissions"/>).</summary>
    public static bool Holds(this IntegrationSystem system, string permission) =>
        system.Permissions?.Contains(permission, StringComparer.Ordinal) == true;

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
