using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CloudFilm.Hosting;

/// <summary>
/// Section <c>Orleans</c>, the keys every host shares: which cluster to join (membership) and which service's
/// grain state and reminders to use. The silo's own endpoint keys are read by the silo.
/// </summary>
public sealed class ClusterIdentityOptions
{
    public const string Section = "Orleans";

    [Required(ErrorMessage = "Orleans:ClusterId is required.")]
    public string ClusterId { get; set; } = "cloudfilm";

    [Required(ErrorMessage = "Orleans:ServiceId is required.")]
    public string ServiceId { get; set; } = "cloudfilm";
}

public static class ClusterIdentitySetup
{
    /// <summary>Orleans' <see cref="ClusterOptions"/> from <see cref="ClusterIdentityOptions"/>, validated at start-up; silo and clients alike.</summary>
    public static IServiceCollection AddCloudFilmClusterIdentity(this IServiceCollection services)
    {
        services.AddOptions<ClusterIdentityOptions>().BindConfiguration(ClusterIdentityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ClusterOptions>().Configure<IOptions<ClusterIdentityOptions>>((o, identity) =>
        {
            o.ClusterId = identity.Value.ClusterId;
            o.ServiceId = identity.Value.ServiceId;
        });
        return services;
    }
}
