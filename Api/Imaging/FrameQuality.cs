namespace CloudFilm.Api.Imaging;

/// <summary>
/// The three sizes a page asks for: a thumbnail for the series strip, a small quick image so something shows at
/// once on a slow phone connection, and the full image that replaces it.
/// </summary>
public enum FrameQuality
{
    Thumb = 0,
    Low = 1,
    High = 2,
}

public static class FrameQualities
{
    public static (int? MaxEdge, int JpegQuality) Settings(FrameQuality quality) => quality switch
    {
        FrameQuality.Thumb => (128, 70),
        FrameQuality.Low => (256, 60),
        _ => (null, 90),
    };

    public static FrameQuality? Parse(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" or "high" => FrameQuality.High,
        "low" => FrameQuality.Low,
        "thumb" => FrameQuality.Thumb,
        _ => null,
    };
}
