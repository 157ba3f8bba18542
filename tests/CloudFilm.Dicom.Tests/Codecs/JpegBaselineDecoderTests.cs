using CloudFilm.Dicom.Codecs.Jpeg;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Tests.Codecs;

public class JpegBaselineDecoderTests
{
    private readonly JpegBaselineCodec _codec = new();

    private static int Level(int component, int bx, int by) => (37 * bx + 91 * by + 60 * component + 255 * ((bx + by) % 2)) % 256;

    [Theory]
    [InlineData(16, 16, 0)]
    [InlineData(21, 13, 0)]
    [InlineData(40, 24, 1)]
    [InlineData(40, 24, 4)]
    [InlineData(33, 17, 7)]
    public void Grey_blocks_decode_to_their_levels_with_and_without_restarts(int width, int height, int restart)
    {
        var data = DcOnlyJpegWriter.Write(width, height, [(1, 1)], Level, restart);
        var format = new PixelFormat(height, width, 1, 8, 8, 7, false, "MONOCHROME2");
        var output = new byte[format.FrameLength];

        _codec.Decode(data, format, output);

        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                output[y * width + x].Should().Be((byte)Level(0, x / 8, y / 8), $"pixel ({x},{y})");
            }
        }
    }

    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(2, 1, 3)]
    [InlineData(1, 1, 2)]
    public void Rgb_labelled_colour_is_returned_as_coded(int h, int v, int restart)
    {
        int width = 32, height = 32;
        var data = DcOnlyJpegWriter.Write(width, height, [(h, v), (1, 1), (1, 1)], (c, bx, by) => c == 0 ? Level(0, bx, by) : 128, restart);
        var format = new PixelFormat(height, width, 3, 8, 8, 7, false, "RGB");
        var output = new byte[format.FrameLength];

        var result = _codec.Decode(data, format, output);

        result.PhotometricInterpretation.Should().Be("RGB");
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                output[(y * width + x) * 3].Should().Be((byte)Level(0, x / 8, y / 8));
                output[(y * width + x) * 3 + 1].Should().Be(128, "flat chroma upsamples to itself");
            }
        }
    }

    [Fact]
    public void Ybr_with_neutral_chroma_becomes_grey_rgb()
    {
        int width = 24, height = 16;
        var data = DcOnlyJpegWriter.Write(width, height, [(2, 2), (1, 1), (1, 1)], (c, bx, by) => c == 0 ? Level(0, bx, by) : 128, 0);
        var format = new PixelFormat(height, width, 3, 8, 8, 7, false, "YBR_FULL_422");
        var output = new byte[format.FullResolutionFrameLength];

        var result = _codec.Decode(data, format, output);

        result.PhotometricInterpretation.Should().Be("RGB");
        result.Planar.Should().Be(PlanarConfiguration.Interleaved);
        for (int i = 0; i < width * height; i++)
        {
            output[3 * i].Should().Be(output[3 * i + 1]);
            output[3 * i + 1].Should().Be(output[3 * i + 2]);
        }
    }

    [Fact]
    public void Frame_size_that_disagrees_with_the_data_set_is_rejected()
    {
        var data = DcOnlyJpegWriter.Write(16, 16, [(1, 1)], Level, 0);
        var format = new PixelFormat(8, 16, 1, 8, 8, 7, false, "MONOCHROME2");

        var act = () => _codec.Decode(data, format, new byte[128]);

        act.Should().Throw<DicomFormatException>().WithMessage("*16x16x1*");
    }
}
