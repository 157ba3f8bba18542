using CloudFilm.Dicom.Imaging;
using CloudFilm.Tools.CfDicom.Png;

namespace CloudFilm.Dicom.Interop.Tests.Imaging;

/// <summary><c>cfdicom render</c> run as a process: its PNG, read by an independent decoder, against dcm2pnm.</summary>
public class RenderCommandInteropTests
{
    [Fact]
    public void Rendered_png_with_given_window_matches_dcm2pnm()
    {
        string input = SampleFiles.Pydicom("CT_small.dcm");
        WithOutput(png =>
        {
            Cfdicom("render", input, png, "--wc", "40", "--ww", "400").ExitCode.Should().Be(0);
            var (width, height, colorType, pixels) = PythonPng.Decode(png);
            colorType.Should().Be(0);
            new RenderedImage(width, height, 1, pixels).ShouldMatch(Dcm2Pnm.Render(input, "+Ww", "40", "400"));
        });
    }

    [Fact]
    public void Rendered_png_of_a_later_colour_frame_matches_dcm2pnm()
    {
        string input = SampleFiles.Pydicom("SC_rgb_rle_2frame.dcm");
        WithOutput(png =>
        {
            Cfdicom("render", input, png, "--frame", "2").ExitCode.Should().Be(0);
            var (width, height, colorType, pixels) = PythonPng.Decode(png);
            colorType.Should().Be(6);
            new RenderedImage(width, height, 4, pixels).ShouldMatch(Dcm2Pnm.Render(input, "+F", "2"));
        });
    }

    [Fact]
    public void Frame_past_the_end_is_a_usage_error_naming_the_frame_count()
    {
        WithOutput(png =>
        {
            var result = Cfdicom("render", SampleFiles.Pydicom("CT_small.dcm"), png, "--frame", "2");
            result.ExitCode.Should().Be(2);
            result.Errors.Should().Contain("has 1");
            File.Exists(png).Should().BeFalse();
        });
    }

    [Fact]
    public void File_without_pixels_fails_with_one_line_and_no_output()
    {
        WithOutput(png =>
        {
            var result = Cfdicom("render", SampleFiles.Pydicom("rtplan.dcm"), png);
            result.ExitCode.Should().Be(1);
            result.Errors.Trim().Should().StartWith("cfdicom render:").And.NotContain("\n");
            File.Exists(png).Should().BeFalse();
        });
    }

    [Theory]
    [InlineData("--wc", "40")]
    [InlineData("--ww", "0", "--wc", "1")]
    [InlineData("--frame", "0")]
    public void Bad_arguments_are_usage_errors(params string[] options)
    {
        WithOutput(png =>
        {
            Cfdicom(["render", SampleFiles.Pydicom("CT_small.dcm"), png, .. options]).ExitCode.Should().Be(2);
            File.Exists(png).Should().BeFalse();
        });
    }

    private static void WithOutput(Action<string> test)
    {
        string png = Path.Combine(Path.GetTempPath(), $"cloudfilm-render-{Guid.NewGuid():N}.png");
        try
        {
            test(png);
        }
        finally
        {
            File.Delete(png);
        }
    }

    private static (int ExitCode, string Errors) Cfdicom(params string[] arguments)
    {
        // The tool's assembly sits next to the tests; run it the way a user would, as its own process.
        string tool = typeof(PngWriter).Assembly.Location;
        var result = ExternalProcess.RunToEnd(ExternalProcess.Command("dotnet", [tool, .. arguments]), TimeSpan.FromSeconds(60));
        return (result.ExitCode, result.Stderr);
    }
}
