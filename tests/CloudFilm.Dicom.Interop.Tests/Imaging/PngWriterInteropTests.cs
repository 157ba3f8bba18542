using CloudFilm.Dicom.Imaging;
using CloudFilm.Tools.CfDicom.Png;

namespace CloudFilm.Dicom.Interop.Tests.Imaging;

/// <summary>PNG files we write, decoded by an independent reader (<see cref="PythonPng"/>).</summary>
public class PngWriterInteropTests
{

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Independent_decoder_reads_back_the_same_pixels(int channels)
    {
        var random = new Random(channels);
        var pixels = new byte[37 * 23 * channels];
        random.NextBytes(pixels);
        var image = new RenderedImage(37, 23, channels, pixels);

        var decoded = RoundTrip(image);

        decoded.Should().Be($"37 23 {(channels == 1 ? 0 : 6)}\n{Convert.ToHexString(pixels).ToLowerInvariant()}\n");
    }

    [Fact]
    public void Rendered_ct_image_survives_the_round_trip()
    {
        var image = ToolkitReader.Load(SampleFiles.Pydicom("CT_small.dcm")).Render(0, new RenderOptions { Window = new VoiWindow(40, 400) });
        RoundTrip(image).Should().EndWith(Convert.ToHexString(image.Pixels).ToLowerInvariant() + "\n");
    }

    private static string RoundTrip(RenderedImage image)
    {
        string path = Path.Combine(Path.GetTempPath(), $"cloudfilm-png-{Guid.NewGuid():N}.png");
        try
        {
            using (var file = File.Create(path))
            {
                PngWriter.Write(file, image);
            }

            return PythonPng.DecodeText(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
