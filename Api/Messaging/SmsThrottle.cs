using CloudFilm.Api.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CloudFilm.Api.Messaging;

/// <summary>
/// Limits how often codes are sent: at most one a minute and five an hour, per phone number and per share session.
/// Counters live in Redis, so every Api copy sees the same counts.
/// </summary>
public sealed class SmsThrottle(IConnectionMultiplexer redis, IOptions<RedisNamingOptions> naming)
{
    private readonly string _prefix = naming.Value.Key("sms:");

    /// <summary>Counts a send for every subject; returns how long to wait when a limit is already reached, else null.</summary>
    public async Task<TimeSpan?> TryAcquireAsync(params string[] subjects)
    {
        var db = redis.GetDatabase();
        foreach (var subject in subjects)
        {
            var minute = _prefix + subject + ":m";
            var hour = _prefix + subject + ":h";
            if (((long?)await db.StringGetAsync(minute) ?? 0) >= 1)
            {
                return await db.KeyTimeToLiveAsync(minute) ?? TimeSpan.FromMinutes(1);
            }
            if (((long?)await db.StringGetAsync(hour) ?? 0) >= 5)
            {
                return await db.KeyTimeToLiveAsync(hour) ?? TimeSpan.FromHours(1);
            }
        }
        foreach (var subject in subjects)
        {
            await Count(db, _prefix + subject + ":m", TimeSpan.FromMinutes(1));
            await Count(db, _prefix + subject + ":h", TimeSpan.FromHours(1));
        }
        return null;
    }

    private static async Task Count(IDatabase db, string key, TimeSpan window)
    {
        if (await db.StringIncrementAsync(key) == 1)
        {
            await db.KeyExpireAsync(key, window);
        }
    }
}
