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
}));
