using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Codecs.JpegLs;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Tests.Codecs;

public class JpegLsStreamVariantTests
{
    private readonly JpegLsCodec _codec = new();

    [Fact]
    public void Hp_colour_transform_is_refused()
    {
        var format = SyntheticImages.Format(4, 4, 3, 8, 8);
        var data = _codec.Encode(SyntheticImages.Create(format, ImageContent.Smooth), format).Data;
        byte[] app8 = [0xFF, 0xE8, 0x00, 0x07, (byte)'m', (byte)'r', (byte)'f', (byte)'x', 0x01];
        var withTransform = data[..2].Concat(app8).Concat(data[2..]).ToArray();

        var act = () => _codec.Decode(withTransform, format, new byte[48]);

        act.Should().Throw<DicomCodecException>().WithMessage("*HP colour transform*");
    }

    [Fact]
    public void Application_and_comment_segments_are_skipped()
    {
        var format = SyntheticImages.Format(6, 6, 1, 8, 8);
        var native = SyntheticImages.Create(format, ImageContent.Random);
        var data = _codec.Encode(native, format).Data;
        byte[] extra = [0xFF, 0xE0, 0x00, 0x04, 0x41, 0x42, 0xFF, 0xFE, 0x00, 0x03, 0x43];
        var decorated = data[..2].Concat(extra).Concat(data[2..]).ToArray();
        var decoded = new byte[36];

        _codec.Decode(decorated, format, decoded);

        decoded.Should().Equal(native);
    }

    [Fact]
    public void Lse_preset_parameters_out_of_range_are_rejected()
    {
        var format = SyntheticImages.Format(4, 4, 1, 16, 16);
        var data = _codec.Encode(new byte[32], format).Data;
        int lse = Array.FindIndex(data, 0, b => b == 0xF8) - 1;
        data[lse + 7] = 0xFF; // T1 far above MAXVAL's sensible range (and above T2)
        data[lse + 8] = 0xFF;

        var act = () => _codec.Decode(data, format, new byte[32]);

        act.Should().Throw<DicomFormatException>().WithMessage("*preset*");
    }
}
