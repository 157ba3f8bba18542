using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CloudFilm.Api.Imaging;

/// <summary>
/// Rendered frames kept in memory, bounded by bytes (<c>Imaging:FrameCacheMegabytes</c>, default 256). Each Api copy
/// keeps its own: rendering is the costly part, and the same frames are asked for by every viewer of a study.
/// </summary>
public sealed class RenderedFrameCache(IConfiguration configuration) : MemoryCache(Options.Create(new MemoryCacheOptions
{
    SizeLimit = configuration.GetValue("Imaging:FrameCacheMegabytes", 256L) * 1024 * 1024,
    CompactionPercentage = 0.25,
}));
