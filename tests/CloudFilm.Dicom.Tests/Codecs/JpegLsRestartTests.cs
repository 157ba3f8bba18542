using CloudFilm.Dicom.Codecs.JpegLs;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Codecs;

public class JpegLsRestartTests
{
    [Theory]
    [InlineData(1, 1, 16, 0)]
    [InlineData(4, 1, 12, 0)]
    [InlineData(7, 3, 8, 0)]
    [InlineData(5, 1, 16, 3)]
    [InlineData(30, 1, 16, 0)]
    public void Restart_intervals_round_trip(int interval, int samples, int bits, int near)
    {
        var uid = near == 0 ? DicomUids.JPEGLSLossless : DicomUids.JPEGLSNearLossless;
        var codec = new JpegLsCodec(uid, new JpegLsOptions { RestartInterval = interval, NearLossless = near });
        var format = SyntheticImages.Format(29, 37, samples, bits > 8 ? 16 : 8, bits);
        var native = SyntheticImages.Create(format, ImageContent.Blocks, seed: interval);

        var data = codec.Encode(native, format).Data;
        var decoded = new byte[format.FrameLength];
        codec.Decode(data, format, decoded);

        CountRestartMarkers(data).Should().Be((29 - 1) / interval);
        if (near == 0)
        {
            decoded.Should().Equal(native);
        }
        else
        {
            for (int i = 0; i < native.Length; i += 2)
            {
                Math.Abs(BitConverter.ToUInt16(native, i) - BitConverter.ToUInt16(decoded, i)).Should().BeLessThanOrEqualTo(near);
            }
        }
    }

    [Fact]
    public void Each_interval_decodes_without_the_lines_before_it()
    {
        // Same content in two intervals codes to the same bytes: nothing carries over a restart.
        var codec = new JpegLsCodec(DicomUids.JPEGLSLossless, new JpegLsOptions { RestartInterval = 8 });
        var format = SyntheticImages.Format(16, 24, 1, 8, 8);
        var half = SyntheticImages.Create(format with { Rows = 8 }, ImageContent.Random, seed: 2);
        var native = half.Concat(half).ToArray();

        var data = codec.Encode(native, format).Data;
        int rst = IndexOfRestart(data);
        int sos = Array.LastIndexOf(data, (byte)0xDA, rst) + 1 + 8;  // after the 8-byte single-component SOS body
        var first = data[sos..rst];
        var second = data[(rst + 2)..^2];

        second.Should().Equal(first);
    }

    [Fact]
    public void Missing_restart_marker_is_reported()
    {
        var codec = new JpegLsCodec(DicomUids.JPEGLSLossless, new JpegLsOptions { RestartInterval = 4 });
        var format = SyntheticImages.Format(12, 12, 1, 8, 8);
        var data = codec.Encode(SyntheticImages.Create(format, ImageContent.Random), format).Data;
        data[IndexOfRestart(data) + 1] = 0xC4;

        var act = () => codec.Decode(data, format, new byte[144]);

        act.Should().Throw<DicomFormatException>().WithMessage("*restart*");
    }

    private static int IndexOfRestart(byte[] data)
    {
        for (int i = 0; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] is >= 0xD0 and <= 0xD7)
            {
                return i;
            }
        }

        return -1;
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
