using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Codecs.Jpeg2000;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Codecs;

public class Jpeg2000CodecTests
{
    [Fact]
    public void Without_libopenjp2_decoding_says_the_codec_is_not_available()
    {
        var codec = new Jpeg2000Codec(DicomUids.JPEG2000Lossless, () => null);
        var format = SyntheticImages.Format(4, 4, 1, 8, 8);

        var act = () => codec.Decode([0xFF, 0x4F, 0xFF, 0x51], format, new byte[16]);

        act.Should().Throw<DicomCodecException>().WithMessage("JPEG 2000 codec not available: libopenjp2 not found");
    }

    [Fact]
    public void Libopenjp2_is_installed_on_this_machine()
    {
        Jpeg2000Codec.IsAvailable.Should().BeTrue("Debian's libopenjp2-7 provides libopenjp2.so.7, which these tests need");
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0x4F, 0xFF, 0x51, 0x00, 0x02, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20 })]
    [InlineData(new byte[] { 1, 2, 3 })]
    public void Garbage_is_rejected_as_a_format_error(byte[] data)
    {
        var codec = new Jpeg2000Codec();
        var format = SyntheticImages.Format(4, 4, 1, 8, 8);

        var act = () => codec.Decode(data, format, new byte[16]);

        act.Should().Throw<DicomFormatException>();
    }

    [Fact]
    public void Encoding_is_not_offered()
    {
        var codec = PixelCodecRegistry.Get(DicomUids.JPEG2000);
        codec.CanEncode.Should().BeFalse();
        var act = () => codec.Encode(new byte[16], SyntheticImages.Format(4, 4, 1, 8, 8));
        act.Should().Throw<DicomCodecException>();
    }
}
