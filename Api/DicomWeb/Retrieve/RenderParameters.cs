using System.Globalization;
using CloudFilm.Api.DicomWeb.Http;
using CloudFilm.Api.Imaging;
using CloudFilm.Api.Problems;
using CloudFilm.Dicom.Imaging;

namespace CloudFilm.Api.DicomWeb.Retrieve;

/// <summary>
/// What a <c>rendered</c> or <c>thumbnail</c> request asks for (PS3.18 8.3.5.1): the format from <c>Accept</c>
/// (<c>image/jpeg</c> by default, or <c>image/png</c>), <c>window=center,width[,function]</c>, <c>viewport=vw,vh</c>
/// (the image is scaled down to fit, keeping its aspect ratio), and <c>quality</c> (1–100, JPEG).
/// </summary>
public sealed record RenderParameters(FrameImageFormat Format, RenderOptions? Options, int? ViewportWidth, int? ViewportHeight, int Quality)
{
    public string MediaType => Format == FrameImageFormat.Png ? DicomMediaTypes.Png : DicomMediaTypes.Jpeg;

    /// <summary>What distinguishes this rendering in caches and entity tags.</summary>
    public string Variant => string.Create(CultureInfo.InvariantCulture,
        $"{Format}|{Options?.Window?.Center}|{Options?.Window?.Width}|{Options?.WindowFunction}|{ViewportWidth}x{ViewportHeight}|{Quality}");

    /// <summary>The parameters, or null when the Accept header allows neither JPEG nor PNG (406). Throws a 400 for malformed ones.</summary>
    public static RenderParameters? Read(HttpRequest request, bool thumbnail) =>
        Read(AcceptHeader.Read(request), request.Query["window"], request.Query["viewport"], request.Query["quality"], thumbnail);

    public static RenderParameters? Read(IReadOnlyList<AcceptedMediaRange> accept, string? window, string? viewport, string? quality, bool thumbnail)
    {
        FrameImageFormat? format = null;
        foreach (var range in accept)
        {
            if (range.MediaType == DicomMediaTypes.MultipartRelated)
            {
                continue;
            }
            format = range.AllowsPart(DicomMediaTypes.Jpeg) ? FrameImageFormat.Jpeg : range.AllowsPart(DicomMediaTypes.Png) ? FrameImageFormat.Png : null;
            if (format is not null)
            {
                break;
            }
        }
        if (format is null)
        {
            return null;
        }
        var errors = new RequestErrors();
        RenderOptions? options = null;
        if (!string.IsNullOrEmpty(window))
        {
            var parts = window.Split(',');
            if (parts.Length is < 2 or > 3 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var center)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var width) || width <= 0
                || (parts.Length == 3 && Function(parts[2]) is null))
            {
                errors.Add("window", "Give center,width[,linear|linear-exact|sigmoid] with width above 0.");
            }
            else
            {
                options = new RenderOptions { Window = new VoiWindow(center, width), WindowFunction = parts.Length == 3 ? Function(parts[2]) : null };
            }
        }
        int? vw = null, vh = null;
        if (!string.IsNullOrEmpty(viewport))
        {
            var parts = viewport.Split(',');
            if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h) || w is < 1 or > 8192 || h is < 1 or > 8192)
            {
                errors.Add("viewport", "Give vw,vh between 1 and 8192.");
            }
            else
            {
                (vw, vh) = (w, h);
            }
        }
        var q = thumbnail ? FrameQualities.Settings(FrameQuality.Thumb).JpegQuality : FrameQualities.Settings(FrameQuality.High).JpegQuality;
        if (!string.IsNullOrEmpty(quality) && (!int.TryParse(quality, NumberStyles.None, CultureInfo.InvariantCulture, out q) || q is < 1 or > 100))
        {
            errors.Add("quality", "Give a whole number from 1 to 100.");
        }
        errors.ThrowIfAny();
        if (thumbnail && vw is null)
        {
            vw = vh = FrameQualities.Settings(FrameQuality.Thumb).MaxEdge;
        }
        return new RenderParameters(format.Value, options, vw, vh, q);
    }

    /// <summary>The longest edge that fits the image in the viewport (scaled down only), or null for the full size.</summary>
    public int? MaxEdge(int columns, int rows)
    {
        if (ViewportWidth is not { } w || ViewportHeight is not { } h || columns <= 0 || rows <= 0)
        {
            return null;
        }
        var factor = Math.Min((double)w / columns, (double)h / rows);
        return factor >= 1 ? null : Math.Max(1, (int)Math.Round(Math.Max(columns, rows) * factor));
    }

    private static VoiLutFunction? Function(string name) => name.Trim().ToLowerInvariant() switch
    {
        "linear" => VoiLutFunction.Linear,
        "linear-exact" or "linear_exact" => VoiLutFunction.LinearExact,
        "sigmoid" => VoiLutFunction.Sigmoid,
        _ => null,
    };
}
