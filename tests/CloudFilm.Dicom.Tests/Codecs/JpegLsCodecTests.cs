using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Codecs.JpegLs;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Codecs;

public class JpegLsCodecTests
{
    private readonly JpegLsCodec _codec = new();

    public static TheoryData<int, int, ImageContent> BitDepthsAndContents()
    {
        var data = new TheoryData<int, int, ImageContent>();
        foreach (int bits in new[] { 2, 3, 5, 7, 8, 10, 12, 13, 15, 16 })
        {
            foreach (var content in Enum.GetValues<ImageContent>())
            {
                data.Add(bits, 1, content);
                if (bits is 8 or 12 or 16)
                {
                    data.Add(bits, 3, content);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BitDepthsAndContents))]
    public void Lossless_round_trip_is_exact(int bitsStored, int samples, ImageContent content)
    {
        var format = SyntheticImages.Format(31, 45, samples, bitsStored > 8 ? 16 : 8, bitsStored);
        var native = SyntheticImages.Create(format, content, seed: bitsStored);

        var encoded = _codec.Encode(native, format);
        var decoded = new byte[format.FrameLength];
        _codec.Decode(encoded.Data, format, decoded);

        decoded.Should().Equal(native);
        encoded.IsLossy.Should().BeFalse();
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(7, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 129)]
    public void Tiny_and_odd_sizes_round_trip(int rows, int columns)
    {
        foreach (var content in Enum.GetValues<ImageContent>())
        {
            var format = SyntheticImages.Format(rows, columns, 1, 16, 16);
            var native = SyntheticImages.Create(format, content, seed: rows * 1000 + columns);
            var decoded = new byte[format.FrameLength];

            _codec.Decode(_codec.Encode(native, format).Data, format, decoded);

            decoded.Should().Equal(native, "content {0}", content);
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(16)]
    public void Signed_samples_are_sign_extended_after_decoding(int bitsStored)
    {
        var format = SyntheticImages.Format(20, 20, 1, 16, bitsStored, signed: true);
        var native = SyntheticImages.Create(format, ImageContent.Random, seed: 3);
        var decoded = new byte[format.FrameLength];

        _codec.Decode(_codec.Encode(native, format).Data, format, decoded);

        decoded.Should().Equal(native);
    }

    [Fact]
    public void Garbage_in_unused_high_bits_is_masked_before_coding()
    {
        var format = SyntheticImages.Format(10, 10, 1, 16, 12);
        var clean = SyntheticImages.Create(format, ImageContent.Smooth);
        var dirty = (byte[])clean.Clone();
        for (int i = 1; i < dirty.Length; i += 2)
        {
            dirty[i] |= 0xA0;
        }

        var decoded = new byte[format.FrameLength];
        _codec.Decode(_codec.Encode(dirty, format).Data, format, decoded);

        decoded.Should().Equal(clean);
    }

    [Fact]
    public void Flat_image_compresses_to_a_few_bytes_through_run_mode()
    {
        var format = SyntheticImages.Format(256, 256, 1, 16, 16);
        var encoded = _codec.Encode(SyntheticImages.Create(format, ImageContent.Flat), format);

        encoded.Data.Length.Should().BeLessThan(600);
    }

    [Fact]
    public void Full_16_bit_range_alternating_extremes_round_trips()
    {
        var format = SyntheticImages.Format(16, 16, 1, 16, 16);
        var native = new byte[format.FrameLength];
        for (int i = 0; i < 256; i++)
        {
            SyntheticImages.Write(native, format, i, (i * 7 % 3) switch { 0 => 0, 1 => 65535, _ => 32768 });
        }

        var decoded = new byte[format.FrameLength];
        _codec.Decode(_codec.Encode(native, format).Data, format, decoded);

        decoded.Should().Equal(native);
    }

    [Fact]
    public void Above_12_bits_the_stream_states_its_preset_parameters()
    {
        var format16 = SyntheticImages.Format(4, 4, 1, 16, 16);
        var format12 = SyntheticImages.Format(4, 4, 1, 16, 12);

        HasMarker(_codec.Encode(new byte[32], format16).Data, 0xF8).Should().BeTrue();
        HasMarker(_codec.Encode(new byte[32], format12).Data, 0xF8).Should().BeFalse();
    }

    [Fact]
    public void Colour_is_encoded_line_interleaved()
    {
        var format = SyntheticImages.Format(4, 4, 3, 8, 8);
        var data = _codec.Encode(SyntheticImages.Create(format, ImageContent.Smooth), format).Data;
        int sos = IndexOfMarker(data, 0xDA);

        data[sos + 4].Should().Be(3, "one scan holds all three components");
        data[sos + 4 + 1 + 6 + 1].Should().Be(1, "ILV 1 is line interleave");
    }

    [Theory]
    [InlineData(1, 8, ImageContent.Smooth)]
    [InlineData(3, 8, ImageContent.Random)]
    [InlineData(2, 12, ImageContent.Blocks)]
    [InlineData(5, 16, ImageContent.Smooth)]
    [InlineData(2, 8, ImageContent.Flat)]
    public void Near_lossless_keeps_every_sample_within_near(int near, int bits, ImageContent content)
    {
        var codec = new JpegLsCodec(DicomUids.JPEGLSNearLossless, new JpegLsOptions { NearLossless = near });
        int samples = bits == 8 ? 3 : 1;
        var format = SyntheticImages.Format(33, 41, samples, bits > 8 ? 16 : 8, bits);
        var native = SyntheticImages.Create(format, content, seed: near);

        var encoded = codec.Encode(native, format);
        var decoded = new byte[format.FrameLength];
        codec.Decode(encoded.Data, format, decoded);

        encoded.IsLossy.Should().BeTrue();
        int step = format.BytesPerSample;
        for (int i = 0; i < native.Length; i += step)
        {
            int a = step == 1 ? native[i] : BitConverter.ToUInt16(native, i);
            int b = step == 1 ? decoded[i] : BitConverter.ToUInt16(decoded, i);
            Math.Abs(a - b).Should().BeLessThanOrEqualTo(near, "sample at byte {0}", i);
        }
    }

    [Fact]
    public void Near_lossless_codec_codes_signed_data_losslessly()
    {
        var codec = new JpegLsCodec(DicomUids.JPEGLSNearLossless, new JpegLsOptions { NearLossless = 3 });
        var format = SyntheticImages.Format(12, 12, 1, 16, 16, signed: true);
        var native = SyntheticImages.Create(format, ImageContent.Smooth);

        var encoded = codec.Encode(native, format);
        var decoded = new byte[format.FrameLength];
        codec.Decode(encoded.Data, format, decoded);

        encoded.IsLossy.Should().BeFalse();
        decoded.Should().Equal(native);
    }

    [Fact]
    public void Padding_before_eoi_and_missing_eoi_are_tolerated()
    {
        var format = SyntheticImages.Format(9, 9, 1, 8, 8);
        var native = SyntheticImages.Create(format, ImageContent.Smooth);
        var data = _codec.Encode(native, format).Data;
        var padded = data[..^2].Concat(new byte[] { 0xFF, 0xFF, 0xFF, 0xD9, 0x00 }).ToArray();
        var truncatedEoi = data[..^2];

        foreach (var variant in new[] { padded, truncatedEoi })
        {
            var decoded = new byte[format.FrameLength];
            _codec.Decode(variant, format, decoded);
            decoded.Should().Equal(native);
        }
    }

    [Fact]
    public void Truncated_stream_is_rejected()
    {
        var format = SyntheticImages.Format(64, 64, 1, 16, 16);
        var data = _codec.Encode(SyntheticImages.Create(format, ImageContent.Random), format).Data;

        var act = () => _codec.Decode(data.AsSpan(0, data.Length / 2), format, new byte[format.FrameLength]);

        act.Should().Throw<DicomException>();
    }

    [Fact]
    public void Random_corruption_never_escapes_as_anything_but_a_dicom_exception()
    {
        var format = SyntheticImages.Format(32, 32, 1, 16, 12);
        var data = _codec.Encode(SyntheticImages.Create(format, ImageContent.Smooth), format).Data;
        var random = new Random(7);
        for (int trial = 0; trial < 300; trial++)
        {
            var bad = (byte[])data.Clone();
            for (int n = 0; n < 1 + trial % 5; n++)
            {
                bad[random.Next(2, bad.Length)] = (byte)random.Next(256);
            }

            try
            {
                _codec.Decode(bad, format, new byte[format.FrameLength]);
            }
            catch (DicomException)
            {
            }
        }
    }

    [Fact]
    public void Header_that_disagrees_with_the_data_set_is_rejected_before_decoding()
    {
        var format = SyntheticImages.Format(8, 8, 1, 8, 8);
        var data = _codec.Encode(new byte[64], format).Data;

        var act = () => _codec.Decode(data, format with { Rows = 60000, Columns = 60000 }, new byte[3_600_000_000 / 1000]);

        act.Should().Throw<DicomFormatException>("the codestream header is checked before the destination").WithMessage("*8x8x1*60000x60000x1*");
        var act2 = () => _codec.Decode(data, format with { Rows = 9 }, new byte[72]);
        act2.Should().Throw<DicomFormatException>().WithMessage("*8x8x1*");
    }

    [Fact]
    public void Registry_has_lossless_and_near_lossless()
    {
        PixelCodecRegistry.Get(DicomUids.JPEGLSLossless).Should().BeOfType<JpegLsCodec>();
        PixelCodecRegistry.Get(DicomUids.JPEGLSNearLossless).Should().BeOfType<JpegLsCodec>();
    }

    private static bool HasMarker(byte[] data, byte marker) => IndexOfMarker(data, marker) >= 0;

    private static int IndexOfMarker(byte[] data, byte marker)
    {
        for (int i = 0; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] == marker)
            {
                return i;
            }
        }

        return -1;
    }
}
