using CloudFilm.Dicom.Imaging;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Tests.Imaging;

public class StoredValueDecoderTests
{
    [Theory]
    [InlineData(0x0FFFu, 4095)]
    [InlineData(0xF123u, 0x123)]
    [InlineData(0x8000u, 0)]
    public void Unsigned_12_of_16_bits_masks_the_unused_high_bits(uint raw, long expected) =>
        new StoredValueDecoder(TestFormats.Mono(1, 1, 16, 12, signed: false)).Decode(raw).Should().Be(expected);

    [Theory]
    [InlineData(0x07FFu, 2047)]
    [InlineData(0x0800u, -2048)]
    [InlineData(0x0FFFu, -1)]
    [InlineData(0xF800u, -2048)]
    [InlineData(0x7001u, 1)]
    public void Signed_12_of_16_bits_sign_extends_from_bit_11_ignoring_junk_above(uint raw, long expected) =>
        new StoredValueDecoder(TestFormats.Mono(1, 1, 16, 12, signed: true)).Decode(raw).Should().Be(expected);

    [Theory]
    [InlineData(0x7FFFu, 32767)]
    [InlineData(0x8000u, -32768)]
    [InlineData(0xF830u, -2000)]
    public void Signed_16_bits(uint raw, long expected) =>
        new StoredValueDecoder(TestFormats.Mono(1, 1, 16, 16, signed: true)).Decode(raw).Should().Be(expected);

    [Theory]
    [InlineData(0x7Fu, 127)]
    [InlineData(0x80u, -128)]
    [InlineData(0xFFu, -1)]
    public void Signed_8_bits(uint raw, long expected) =>
        new StoredValueDecoder(TestFormats.Mono(1, 1, 8, 8, signed: true)).Decode(raw).Should().Be(expected);

    [Fact]
    public void A_high_bit_above_bits_stored_minus_one_shifts_the_value_down()
    {
        // 12 bits stored in bits 4..15 (High Bit 15), as some old scanners wrote them.
        var format = new PixelFormat(1, 1, 1, 16, 12, 15, false, "MONOCHROME2");
        new StoredValueDecoder(format).Decode(0xABC5).Should().Be(0xABC);
    }

    [Fact]
    public void Thirty_two_bit_values_keep_every_bit()
    {
        new StoredValueDecoder(TestFormats.Mono(1, 1, 32, 32, signed: false)).Decode(0xFFFF_FFFF).Should().Be(4294967295);
        new StoredValueDecoder(TestFormats.Mono(1, 1, 32, 32, signed: true)).Decode(0xFFFF_FFFF).Should().Be(-1);
    }

    [Fact]
    public void Range_of_the_format_follows_bits_stored_and_sign()
    {
        var signed = new StoredValueDecoder(TestFormats.Mono(1, 1, 16, 12, signed: true));
        (signed.MinValue, signed.MaxValue).Should().Be((-2048L, 2047L));
        var unsigned = new StoredValueDecoder(TestFormats.Mono(1, 1, 16, 10, signed: false));
        (unsigned.MinValue, unsigned.MaxValue).Should().Be((0L, 1023L));
    }
}
