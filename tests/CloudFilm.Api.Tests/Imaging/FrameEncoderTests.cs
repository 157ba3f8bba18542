using CloudFilm.Api.Imaging;
using CloudFilm.Dicom.Imaging;
using SkiaSharp;

namespace CloudFilm.Api.Tests.Imaging;

public class FrameEncoderTests
{
    private static RenderedImage Gradient(int width, int height, int channels)
    {
        var pixels = new byte[width * height * channels];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < channels; c++)
                {
                    pixels[((y * width) + x) * channels + c] = c == 3 ? (byte)255 : (byte)((x + y + (c * 40)) % 256);
                }
            }
        }
        return new RenderedImage(width, height, channels, pixels);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Png_keeps_every_pixel(int channels)
    {
        var image = Gradient(37, 21, channels);

        using var decoded = SKBitmap.Decode(FrameEncoder.Encode(image, FrameImageFormat.Png));

        decoded.Width.Should().Be(37);
        decoded.Height.Should().Be(21);
        for (var y = 0; y < 21; y += 5)
        {
            for (var x = 0; x < 37; x += 6)
            {
                var expected = image.Pixels[((y * 37) + x) * channels];
                decoded.GetPixel(x, y).Red.Should().Be(expected);
            }
        }
    }

    [Fact]
    public void Jpeg_is_close_and_small()
    {
        var image = Gradient(256, 256, 1);

        var jpeg = FrameEncoder.Encode(image, FrameImageFormat.Jpeg, quality: 90);
        using var decoded = SKBitmap.Decode(jpeg);

        jpeg.Take(2).Should().Equal(0xFF, 0xD8);
        jpeg.Length.Should().BeLessThan(image.Pixels.Length / 2);
        Math.Abs(decoded.GetPixel(100, 50).Red - image.Pixels[(50 * 256) + 100]).Should().BeLessThan(8);
    }

    [Fact]
    public void A_maximum_edge_scales_down_keeping_the_aspect()
    {
        using var decoded = SKBitmap.Decode(FrameEncoder.Encode(Gradient(512, 256, 1), FrameImageFormat.Jpeg, maxEdge: 128));

        decoded.Width.Should().Be(128);
        decoded.Height.Should().Be(64);
    }

    [Fact]
    public void A_small_image_is_not_scaled_up()
    {
        using var decoded = SKBitmap.Decode(FrameEncoder.Encode(Gradient(64, 32, 4), FrameImageFormat.Png, maxEdge: 128));

        decoded.Width.Should().Be(64);
    }
}
