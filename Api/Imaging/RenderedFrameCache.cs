using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CloudFilm.Api.Imaging;

/// <summary>
/// Rendered frames kept in memory, bounded by bytes (<see cref="FrameCacheOptions.FrameCacheMegabytes"/>). Each Api
/// copy keeps its own: rendering is the costly part, and the same frames are asked for by every viewer of a study.
/// </summary>
public sealed class RenderedFrameCache(IOptions<FrameCacheOptions> options) : MemoryCache(Options.Create(new MemoryCacheOptions
{
    SizeLimit = options.Value.FrameCacheMegabytes * 1024 * 1024,
    CompactionPercentage = 0.25,
}))
{
    /// <summary>
    /// The encoded frame kept under <paramref name="key"/>, or what <paramref name="render"/> makes of it (kept for next
    /// time unless null). The key must name everything the image depends on: the stored copy, frame, window and size.
    /// </summary>
    public byte[]? GetOrRender(string key, Func<byte[]?> render)
    {
        if (TryGetValue(key, out byte[]? encoded) && encoded is not null)
        {
            return encoded;
        }
        encoded = render();
        if (encoded is not null)
        {
            Keep(key, encoded);
        }
        return encoded;
    }

    /// <summary>Keeps an encoded frame under <paramref name="key"/>, counted by its bytes, for 30 minutes after its last use.</summary>
    public void Keep(string key, byte[] encoded) =>
        this.Set(key, encoded, new MemoryCacheEntryOptions { Size = encoded.Length, SlidingExpiration = TimeSpan.FromMinutes(30) });
}
