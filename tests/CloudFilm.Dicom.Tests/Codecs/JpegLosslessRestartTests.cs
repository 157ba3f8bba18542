using CloudFilm.Dicom.Codecs.Jpeg;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Codecs;

public class JpegLosslessRestartTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(5, 3)]
    [InlineData(40, 3)]
    public void Restart_intervals_round_trip(int restartRows, int samples)
    {
        var codec = new JpegLosslessCodec(DicomUids.JPEGLosslessSV1, new JpegLosslessOptions { RestartRows = restartRows });
        var format = SyntheticImages.Format(23, 30, samples, 16, 16);
        var native = SyntheticImages.Create(format, ImageContent.Smooth, seed: restartRows);

        var data = codec.Encode(native, format).Data;
        var decoded = new byte[format.FrameLength];
        codec.Decode(data, format, decoded);

        decoded.Should().Equal(native);
        CountRestartMarkers(data).Should().Be((23 + restartRows - 1) / restartRows - 1);
    }

    [Fact]
    public void Decoder_reports_a_missing_restart_marker()
    {
        var codec = new JpegLosslessCodec(DicomUids.JPEGLosslessSV1, new JpegLosslessOptions { RestartRows = 2 });
        var format = SyntheticImages.Format(8, 8, 1, 8, 8);
        var data = codec.Encode(SyntheticImages.Create(format, ImageContent.Random), format).Data;
        for (int i = 0; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] is >= 0xD0 and <= 0xD7)
            {
                data[i + 1] = 0xC4; // a marker, but not RSTm
            }
        }

        var act = () => codec.Decode(data, format, new byte[64]);

        act.Should().Throw<DicomFormatException>().WithMessage("*restart*");
    }

    private static int CountRestartMarkers(byte[] data)
    {
        int count = 0;
        for (int i = 0; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] is >= 0xD0 and <= 0xD7)
            {
                count++;
            }
        }

        return count;
    }
}
