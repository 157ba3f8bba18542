using System.Buffers.Binary;
using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Codecs.Rle;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Codecs;

public class RleCodecTests
{
    private readonly RleCodec _codec = new();

    public static TheoryData<int, int, int, ImageContent> Cases()
    {
        var data = new TheoryData<int, int, int, ImageContent>();
        foreach (int bits in new[] { 8, 16, 32 })
        {
            foreach (int samples in new[] { 1, 3 })
            {
                foreach (var content in Enum.GetValues<ImageContent>())
                {
                    data.Add(bits, samples, 37, content);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Round_trip_is_exact(int bits, int samples, int columns, ImageContent content)
    {
        var format = SyntheticImages.Format(23, columns, samples, bits, bits);
        var native = SyntheticImages.Create(format, content);

        var encoded = _codec.Encode(native, format);
        var decoded = new byte[format.FrameLength];
        var result = _codec.Decode(encoded.Data, format, decoded);

        decoded.Should().Equal(native);
        result.Planar.Should().Be(PlanarConfiguration.Interleaved);
        encoded.IsLossy.Should().BeFalse();
    }

    [Fact]
    public void Segments_are_even_length_and_header_counts_byte_planes()
    {
        var format = SyntheticImages.Format(3, 5, 3, 16, 16);
        var encoded = _codec.Encode(SyntheticImages.Create(format, ImageContent.Random), format).Data;

        BinaryPrimitives.ReadUInt32LittleEndian(encoded).Should().Be(6);
        BinaryPrimitives.ReadUInt32LittleEndian(encoded.AsSpan(4)).Should().Be(64);
        for (int s = 0; s < 6; s++)
        {
            (SegmentLength(encoded, s) % 2).Should().Be(0, "segment {0} must have even length (G.3.1)", s);
        }
    }

    [Fact]
    public void Planar_source_decodes_to_interleaved_pixels()
    {
        var interleaved = SyntheticImages.Format(4, 6, 3, 8, 8);
        var native = SyntheticImages.Create(interleaved, ImageContent.Random);
        var planar = new byte[native.Length];
        for (int p = 0; p < 24; p++)
        {
            for (int s = 0; s < 3; s++)
            {
                planar[s * 24 + p] = native[p * 3 + s];
            }
        }

        var planarFormat = interleaved with { Planar = PlanarConfiguration.Planar };
        var encoded = _codec.Encode(planar, planarFormat);
        var decoded = new byte[native.Length];
        _codec.Decode(encoded.Data, planarFormat, decoded).Planar.Should().Be(PlanarConfiguration.Interleaved);

        decoded.Should().Equal(native);
    }

    [Fact]
    public void Decodes_hand_made_packbits_with_literal_replicate_and_noop()
    {
        var format = SyntheticImages.Format(1, 8, 1, 8, 8);
        byte[] frame = new byte[64 + 8];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), 64);
        byte[] segment = [0x02, 1, 2, 3, 0x80, 0xFC, 9, 0x00, 7];
        Array.Resize(ref frame, 64 + segment.Length);
        segment.CopyTo(frame, 64);

        var decoded = new byte[8];
        _codec.Decode(frame, format, decoded);

        decoded.Should().Equal(1, 2, 3, 9, 9, 9, 9, 9);
    }

    [Fact]
    public void Truncated_segment_is_rejected()
    {
        var format = SyntheticImages.Format(8, 8, 1, 8, 8);
        var encoded = _codec.Encode(SyntheticImages.Create(format, ImageContent.Random), format).Data;

        var act = () => _codec.Decode(encoded.AsSpan(0, encoded.Length - 20), format, new byte[64]);

        act.Should().Throw<DicomCodecException>().WithMessage("*segment 0*");
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(2u)]
    [InlineData(16u)]
    public void Wrong_segment_count_is_rejected(uint count)
    {
        var format = SyntheticImages.Format(2, 2, 1, 8, 8);
        var frame = new byte[80];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, count);

        var act = () => _codec.Decode(frame, format, new byte[4]);

        act.Should().Throw<DicomFormatException>();
    }

    [Fact]
    public void Offsets_outside_the_frame_are_rejected()
    {
        var format = SyntheticImages.Format(2, 2, 1, 8, 8);
        var frame = new byte[80];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), 100_000_000);

        var act = () => _codec.Decode(frame, format, new byte[4]);

        act.Should().Throw<DicomFormatException>().WithMessage("*offset*");
    }

    [Fact]
    public void Registry_finds_rle() => PixelCodecRegistry.Get(DicomUids.RLELossless).Should().BeOfType<RleCodec>();

    private static uint SegmentLength(byte[] encoded, int segment)
    {
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(encoded);
        uint start = BinaryPrimitives.ReadUInt32LittleEndian(encoded.AsSpan(4 + 4 * segment));
        uint end = segment + 1 < count ? BinaryPrimitives.ReadUInt32LittleEndian(encoded.AsSpan(8 + 4 * segment)) : (uint)encoded.Length;
        end.Should().BeGreaterThan(start);
        return end - start;
    }
}
