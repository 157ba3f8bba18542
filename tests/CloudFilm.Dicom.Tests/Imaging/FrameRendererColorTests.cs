using CloudFilm.Dicom.Imaging;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Tests.Imaging;

public class FrameRendererColorTests
{
    [Fact]
    public void Rgb_interleaved_becomes_opaque_rgba()
    {
        var image = FrameRenderer.Render([1, 2, 3, 4, 5, 6], TestFormats.Color(1, 2, "RGB"), RenderingAttributes.None);
        image.Channels.Should().Be(4);
        image.Pixels.Should().Equal(1, 2, 3, 255, 4, 5, 6, 255);
    }

    [Fact]
    public void Rgb_planar_gives_the_same_image_as_interleaved()
    {
        var image = FrameRenderer.Render([1, 4, 2, 5, 3, 6], TestFormats.Color(1, 2, "RGB", PlanarConfiguration.Planar), RenderingAttributes.None);
        image.Pixels.Should().Equal(1, 2, 3, 255, 4, 5, 6, 255);
    }

    [Fact]
    public void Sixteen_bit_rgb_is_scaled_to_eight_bits()
    {
        var frame = TestFormats.Words(0, 0x8080, 0xFFFF);
        var image = FrameRenderer.Render(frame, TestFormats.Color(1, 1, "RGB", bits: 16), RenderingAttributes.None);
        image.Pixels.Should().Equal(0, 128, 255, 255);
    }

    [Fact]
    public void Rgb_12_of_16_bits_masks_overlay_bits_and_scales_the_12_bit_range()
    {
        var format = new PixelFormat(1, 1, 3, 16, 12, 11, false, "RGB");
        var image = FrameRenderer.Render(TestFormats.Words(0xF000, 0x0FFF, 0xA800), format, RenderingAttributes.None);
        image.Pixels.Should().Equal(0, 255, 128, 255);
    }

    [Fact]
    public void Colour_with_32_bit_samples_is_rejected()
    {
        var act = () => FrameRenderer.Render(new byte[12], TestFormats.Color(1, 1, "RGB", bits: 32), RenderingAttributes.None);
        act.Should().Throw<DicomException>().WithMessage("RGB rendering supports 8, 16 bits allocated, not 32");
    }

    [Theory]
    [InlineData(128, 128, 128, 128, 128, 128)]
    [InlineData(76, 85, 255, 254, 0, 0)]
    [InlineData(0, 128, 128, 0, 0, 0)]
    [InlineData(255, 128, 128, 255, 255, 255)]
    [InlineData(150, 44, 21, 0, 255, 1)]
    public void Ybr_full_converts_with_the_inverse_of_the_standard_equations(byte y, byte cb, byte cr, byte r, byte g, byte b) =>
        YbrFullConversion.ToRgb(y, cb, cr).Should().Be((r, g, b));

    [Fact]
    public void Ybr_full_round_trips_rgb_within_rounding()
    {
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            int r = random.Next(256), g = random.Next(256), b = random.Next(256);
            // PS3.3 C.7.6.3.1.2, forward direction.
            byte y = ToByte(0.299 * r + 0.587 * g + 0.114 * b);
            byte cb = ToByte(-0.1687 * r - 0.3313 * g + 0.5 * b + 128);
            byte cr = ToByte(0.5 * r - 0.4187 * g - 0.0813 * b + 128);
            var back = YbrFullConversion.ToRgb(y, cb, cr);
            ((int)back.R).Should().BeCloseTo(r, 2);
            ((int)back.G).Should().BeCloseTo(g, 2);
            ((int)back.B).Should().BeCloseTo(b, 2);
        }
    }

    [Fact]
    public void Ybr_full_planar_frame_renders_as_rgb()
    {
        var image = FrameRenderer.Render([128, 76, 128, 85, 128, 255], TestFormats.Color(1, 2, "YBR_FULL", PlanarConfiguration.Planar), RenderingAttributes.None);
        image.Pixels.Should().Equal(128, 128, 128, 255, 254, 0, 0, 255);
    }

    [Fact]
    public void Native_ybr_full_422_shares_chroma_between_a_pixel_pair()
    {
        // Y1 Y2 Cb Cr for pixels 0 and 1, then for pixels 2 and 3.
        byte[] frame = [0, 255, 128, 128, 76, 76, 85, 255];
        var image = FrameRenderer.Render(frame, TestFormats.Color(2, 2, "YBR_FULL_422"), RenderingAttributes.None);
        image.Pixels.Should().Equal(
            0, 0, 0, 255, 255, 255, 255, 255,
            254, 0, 0, 255, 254, 0, 0, 255);
    }

    [Fact]
    public void Ybr_full_422_with_three_bytes_per_pixel_is_read_as_upsampled_ybr_full()
    {
        var image = FrameRenderer.Render([76, 85, 255], TestFormats.Color(1, 1, "YBR_FULL_422"), RenderingAttributes.None);
        image.Pixels.Should().Equal(254, 0, 0, 255);
    }

    [Fact]
    public void Subsampled_ybr_full_422_with_16_bit_samples_is_rejected()
    {
        var act = () => FrameRenderer.Render(new byte[16], TestFormats.Color(2, 2, "YBR_FULL_422", bits: 16), RenderingAttributes.None);
        act.Should().Throw<DicomException>().WithMessage("native YBR_FULL_422 rendering supports 8 bits allocated, not 16");
    }

    [Fact]
    public void Native_ybr_full_422_with_odd_columns_needs_a_whole_last_group()
    {
        var format = TestFormats.Color(1, 3, "YBR_FULL_422");
        var tooShort = () => FrameRenderer.Render(new byte[6], format, RenderingAttributes.None);
        tooShort.Should().Throw<DicomException>().WithMessage("*8 bytes*");
        var image = FrameRenderer.Render([0, 255, 128, 128, 76, 0, 85, 255], format, RenderingAttributes.None);
        image.Pixels[8..].Should().Equal(254, 0, 0, 255);
    }

    [Fact]
    public void Native_ybr_full_422_shorter_than_two_bytes_per_pixel_is_rejected()
    {
        var act = () => FrameRenderer.Render(new byte[6], TestFormats.Color(2, 2, "YBR_FULL_422"), RenderingAttributes.None);
        act.Should().Throw<DicomException>().WithMessage("*8 bytes*");
    }

    [Fact]
    public void Palette_color_maps_8_bit_values_through_16_bit_tables()
    {
        var red = Table(0, 16, 0x0000, 0x8000, 0xFFFF);
        var green = Table(0, 16, 0xFFFF, 0x8000, 0x0000);
        var blue = Table(0, 16, 0x1200, 0x3400, 0x5600);
        var attributes = new RenderingAttributes { Palette = new PaletteColorLut(red, green, blue) };

        var image = FrameRenderer.Render([0, 1, 2, 9], TestFormats.Mono(2, 2, 8, 8, false, "PALETTE COLOR"), attributes);

        image.Pixels.Should().Equal(
            0x00, 0xFF, 0x12, 255,
            0x80, 0x80, 0x34, 255,
            0xFF, 0x00, 0x56, 255,
            0xFF, 0x00, 0x56, 255);
    }

    [Fact]
    public void Palette_color_with_signed_pixels_uses_a_signed_first_mapped_value()
    {
        var descriptor = LutDescriptor.FromEncoded(3, unchecked((ushort)-1), 8, firstMappedIsSigned: true);
        var lut = LookupTable.Create(descriptor, TestFormats.Words(10, 20, 30));
        var attributes = new RenderingAttributes { Palette = new PaletteColorLut(lut, lut, lut) };
        var frame = TestFormats.Words(unchecked((ushort)-1), 0, 1, unchecked((ushort)-5));

        var image = FrameRenderer.Render(frame, TestFormats.Mono(1, 4, 16, 16, true, "PALETTE COLOR"), attributes);

        image.Pixels.Where((_, i) => i % 4 == 0).Should().Equal(10, 20, 30, 10);
    }

    [Fact]
    public void Palette_color_with_65536_entries_reaches_the_last_entry()
    {
        var entries = new ushort[65536];
        entries[65535] = 0xFF00;
        var lut = LookupTable.Create(LutDescriptor.FromEncoded(0, 0, 16, false), TestFormats.Words(entries));
        var attributes = new RenderingAttributes { Palette = new PaletteColorLut(lut, lut, lut) };

        var image = FrameRenderer.Render(TestFormats.Words(65535, 0), TestFormats.Mono(1, 2, 16, 16, false, "PALETTE COLOR"), attributes);

        image.Pixels.Should().Equal(255, 255, 255, 255, 0, 0, 0, 255);
    }

    [Fact]
    public void Palette_color_without_tables_is_an_error()
    {
        var act = () => FrameRenderer.Render([0], TestFormats.Mono(1, 1, 8, 8, false, "PALETTE COLOR"), RenderingAttributes.None);
        act.Should().Throw<DicomException>().WithMessage("*Palette Color Lookup Tables*");
    }

    private static LookupTable Table(int first, int bits, params int[] entries) =>
        LookupTable.Create(new LutDescriptor(entries.Length, first, bits), TestFormats.Words(entries));

    private static byte ToByte(double value) => (byte)Math.Clamp((int)Math.Round(value), 0, 255);
}
