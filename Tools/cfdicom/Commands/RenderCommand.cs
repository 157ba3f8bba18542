using System.Globalization;
using CloudFilm.Dicom.Imaging;
using CloudFilm.Tools.CfDicom.Png;

namespace CloudFilm.Tools.CfDicom.Commands;

/// <summary>
/// <c>render IN OUT.png [--frame N] [--wc C --ww W] [--min-max]</c>: one frame through the display pipeline
/// (PS3.4 Annex N) to an 8-bit PNG. Frames are numbered from 1, as in DICOM. Without a window option the file's first
/// window (or VOI LUT) is used, else the frame's minimum and maximum.
/// </summary>
internal sealed class RenderCommand : ICommand
{
    private const string Usage = "usage: cfdicom render IN OUT.png [--frame N] [--wc C --ww W] [--min-max]";

    public string Summary => "render IN OUT.png [--frame N] [--wc C --ww W]: one frame as a PNG";

    public Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var input, out var output, out int frame, out var options, out string? error))
        {
            Console.Error.WriteLine(error is null ? Usage : $"cfdicom render: {error}");
            return Task.FromResult(2);
        }

        var image = DicomImage.Open(input);
        if (frame > image.FrameCount)
        {
            Console.Error.WriteLine($"cfdicom render: frame {frame} requested; {input} has {image.FrameCount}");
            return Task.FromResult(2);
        }

        var rendered = image.Render(frame - 1, options);
        var temporary = output + ".tmp";
        try
        {
            using (var stream = File.Create(temporary))
            {
                PngWriter.Write(stream, rendered);
            }

            File.Move(temporary, output, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return Task.FromResult(0);
    }

    private static bool TryParse(string[] args, out string input, out string output, out int frame, out RenderOptions options, out string? error)
    {
        input = output = "";
        frame = 1;
        options = RenderOptions.Default;
        error = null;
        var paths = new List<string>();
        double? center = null;
        double? width = null;
        bool minMax = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--frame" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out frame) || frame < 1)
                    {
                        error = $"--frame takes a frame number from 1, not {args[i]}";
                        return false;
                    }

                    break;
                case "--wc" when i + 1 < args.Length:
                    center = Number(args[++i], "--wc", ref error);
                    break;
                case "--ww" when i + 1 < args.Length:
                    width = Number(args[++i], "--ww", ref error);
                    break;
                case "--min-max":
                    minMax = true;
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = $"unknown or incomplete option {args[i]}";
                        return false;
                    }

                    paths.Add(args[i]);
                    break;
            }
        }

        if (error is not null)
        {
            return false;
        }

        if (paths.Count != 2)
        {
            return false;
        }

        if (center.HasValue != width.HasValue)
        {
            error = "--wc and --ww go together";
            return false;
        }

        if (width is <= 0)
        {
            error = $"--ww must be positive, not {width}";
            return false;
        }

        input = paths[0];
        output = paths[1];
        options = new RenderOptions
        {
            Window = center is { } c && width is { } w ? new VoiWindow(c, w) : null,
            UseMinMaxWindow = minMax,
        };
        return true;
    }

    private static double? Number(string text, string option, ref string? error)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }

        error ??= $"{option} takes a number, not {text}";
        return null;
    }
}
