using System.ComponentModel.DataAnnotations;

namespace CloudFilm.Api.Hosting;

/// <summary>
/// Section <c>Redis</c>: how this deployment names what it keeps in Redis, so several deployments (or test runs) can
/// share one server. The connection itself is <c>ConnectionStrings:Redis</c>.
/// </summary>
public sealed class RedisNamingOptions
{
    public const string Section = "Redis";

    /// <summary>
    /// Prefix of the SignalR backplane's channels, the data-protection key ring (<c>{prefix}:data-protection-keys</c>)
    /// and the SMS throttle counters (<c>{prefix}:sms:…</c>).
    /// </summary>
    [Required(ErrorMessage = "Redis:ChannelPrefix is required.")]
    [RegularExpression(@"^\S+$", ErrorMessage = "Redis:ChannelPrefix must not contain white space.")]
    public string ChannelPrefix { get; set; } = "cloudfilm";

    /// <summary>A Redis key of this deployment: the prefix, a colon, then <paramref name="name"/>.</summary>
    public string Key(string name) => ChannelPrefix + ":" + name;
}
