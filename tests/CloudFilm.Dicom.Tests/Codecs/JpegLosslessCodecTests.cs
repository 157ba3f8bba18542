using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Codecs.Jpeg;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Codecs;

public class JpegLosslessCodecTests
{
    private readonly JpegLosslessCodec _codec = new();

    public static TheoryData<int, int, ImageContent> Cases()
    {
        var data = new TheoryData<int, int, ImageContent>();
        foreach (int bits in new[] { 2, 8, 10, 12, 15, 16 })
        {
            foreach (var content in Enum.GetValues<ImageContent>())
            {
                data.Add(bits, 1, content);
                if (bits is 8 or 16)
                {
                    data.Add(bits, 3, content);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Round_trip_is_exact(int bitsStored, int samples, ImageContent content)
    {
        var format = SyntheticImages.Format(29, 41, samples, bitsStored > 8 ? 16 : 8, bitsStored);
        var native = SyntheticImages.Create(format, content, seed: bitsStored + samples);

        var encoded = _codec.Encode(native, format);
        var decoded = new byte[format.FrameLength];
        _codec.Decode(encoded.Data, format, decoded);

        decoded.Should().Equal(native);
        encoded.IsLossy.Should().BeFalse();
    }

    [Fact]
    public void Differences_of_32768_use_category_16_and_wrap_modulo_2_to_the_16()
    {
        var format = SyntheticImages.Format(4, 8, 1, 16, 16);
        var native = new byte[format.FrameLength];
        long[] pattern = [0, 32768, 65535, 0, 32767, 65535, 1, 32769];
        for (int i = 0; i < 32; i++)
        {
            SyntheticImages.Write(native, format, i, pattern[(i + i / 8) % 8]);
        }

        var decoded = new byte[format.FrameLength];
        _codec.Decode(_codec.Encode(native, format).Data, format, decoded);

        decoded.Should().Equal(native);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 9)]
    [InlineData(9, 1)]
    public void Tiny_images_round_trip(int rows, int columns)
    {
        var format = SyntheticImages.Format(rows, columns, 3, 8, 8);
        var native = SyntheticImages.Create(format, ImageContent.Random);
        var decoded = new byte[format.FrameLength];

        _codec.Decode(_codec.Encode(native, format).Data, format, decoded);

        decoded.Should().Equal(native);
    }

    [Fact]
    public void Signed_samples_are_sign_extended()
    {
        var format = SyntheticImages.Format(10, 10, 1, 16, 12, signed: true);
        var native = SyntheticImages.Create(format, ImageContent.Random);
        var decoded = new byte[format.FrameLength];

        _codec.Decode(_codec.Encode(native, format).Data, format, decoded);

        decoded.Should().Equal(native);
    }

    [Fact]
    public void Corrupt_streams_fail_with_dicom_exceptions_only()
    {
        var format = SyntheticImages.Format(24, 24, 1, 16, 16);
        var data = _codec.Encode(SyntheticImages.Create(format, ImageContent.Smooth), format).Data;
        var random = new Random(3);
        int failures = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            var bad = (byte[])data.Clone();
            bad[random.Next(2, bad.Length)] = (byte)random.Next(256);
            try
            {
                _codec.Decode(bad, format, new byte[format.FrameLength]);
            }
            catch (DicomException)
            {
                failures++;
            }
        }

        var truncated = () => _codec.Decode(data.AsSpan(0, data.Length / 3), format, new byte[format.FrameLength]);
        truncated.Should().Throw<DicomException>();
        failures.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Baseline_codec_cannot_encode_and_says_so()
    {
        var codec = new JpegBaselineCodec();
        codec.CanEncode.Should().BeFalse();
        var act = () => codec.Encode(new byte[4], SyntheticImages.Format(2, 2, 1, 8, 8));
        act.Should().Throw<DicomCodecException>();
    }

    [Fact]
    public void Lossless_stream_given_to_the_baseline_decoder_is_refused()
    {
        var format = SyntheticImages.Format(8, 8, 1, 8, 8);
        var data = _codec.Encode(new byte[64], format).Data;

        var act = () => new JpegBaselineCodec().Decode(data, format, new byte[64]);

        act.Should().Throw<DicomCodecException>().WithMessage("*SOF3*");
    }

    [Fact]
    public void Registry_has_the_jpeg_syntaxes_and_refuses_others()
    {
        PixelCodecRegistry.Get(DicomUids.JPEGLossless).Should().BeOfType<JpegLosslessCodec>();
        PixelCodecRegistry.Get(DicomUids.JPEGLosslessSV1).Should().BeOfType<JpegLosslessCodec>();
        PixelCodecRegistry.Get(DicomUids.JPEGBaseline8Bit).Should().BeOfType<JpegBaselineCodec>();
        PixelCodecRegistry.Get(DicomUids.JPEGExtended12Bit).Should().BeOfType<JpegBaselineCodec>();
        var act = () => PixelCodecRegistry.Get(DicomUids.MPEG2MPML);
        act.Should().Throw<DicomCodecException>().WithMessage("unsupported transfer syntax 1.2.840.10008.1.2.4.100");
    }
}
