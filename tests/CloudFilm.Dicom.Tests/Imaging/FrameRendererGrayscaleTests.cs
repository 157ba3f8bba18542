using CloudFilm.Dicom.Imaging;

namespace CloudFilm.Dicom.Tests.Imaging;

public class FrameRendererGrayscaleTests
{
    [Fact]
    public void Eight_bit_unsigned_with_window_gives_one_channel_image()
    {
        var image = FrameRenderer.Render([0, 100, 200, 255], TestFormats.Mono(2, 2, 8, 8, signed: false),
            new RenderingAttributes { Windows = [new VoiWindow(128, 256)] });

        image.Should().BeEquivalentTo(new { Width = 2, Height = 2, Channels = 1 });
        image.Pixels.Should().Equal(0, 100, 200, 255);
    }

    [Fact]
    public void Signed_12_bit_in_16_ignores_overlay_bits_and_windows_on_hounsfield_units()
    {
        // −1000, 40 and 1000 HU with intercept 0, plus junk in bits 12..15 of each word.
        var frame = TestFormats.Words((-1000 & 0x0FFF) | 0xA000, 40 | 0x5000, 1000 | 0xF000);
        var image = FrameRenderer.Render(frame, TestFormats.Mono(1, 3, 16, 12, signed: true),
            new RenderingAttributes { Windows = [new VoiWindow(40, 400)] });

        image.Pixels.Should().Equal(0, 128, 255);
    }

    [Fact]
    public void Without_window_the_frame_min_and_max_excluding_padding_span_the_display()
    {
        var frame = TestFormats.Words(unchecked((ushort)-2000), unchecked((ushort)-1000), 0, 1000);
        var attributes = new RenderingAttributes { RescaleIntercept = 0, PixelPaddingValue = -2000 };
        var image = FrameRenderer.Render(frame, TestFormats.Mono(2, 2, 16, 16, signed: true), attributes);

        // The padding pixel is below the window, so it is black as well; −1000 is the darkest real value.
        image.Pixels.Should().Equal(0, 0, 128, 255);
    }

    [Fact]
    public void Without_window_a_padding_range_is_left_out_of_the_min_max()
    {
        var attributes = new RenderingAttributes { PixelPaddingValue = 2, PixelPaddingRangeLimit = 0 };
        var image = FrameRenderer.Render([0, 1, 2, 100, 150, 200], TestFormats.Mono(1, 6, 8, 8, false), attributes);
        image.Pixels.Should().Equal(0, 0, 0, 0, 128, 255);
    }

    [Fact]
    public void A_frame_that_is_all_padding_still_renders()
    {
        var attributes = new RenderingAttributes { PixelPaddingValue = 7 };
        var image = FrameRenderer.Render([7, 7], TestFormats.Mono(1, 2, 8, 8, false), attributes);
        image.Pixels.Should().HaveCount(2).And.OnlyContain(p => p == image.Pixels[0]);
    }

    [Fact]
    public void Signed_minimum_and_maximum_are_found_after_sign_extension()
    {
        // As raw unsigned words, −1 (0xFFFF) would look like the maximum.
        var frame = TestFormats.Words(0xFFFF, 0x0001, 0x0003);
        var image = FrameRenderer.Render(frame, TestFormats.Mono(1, 3, 16, 16, signed: true), RenderingAttributes.None);
        image.Pixels[0].Should().Be(0);
        image.Pixels[2].Should().Be(255);
    }

    [Fact]
    public void Monochrome1_without_window_shows_the_minimum_as_white()
    {
        var image = FrameRenderer.Render([10, 20], TestFormats.Mono(1, 2, 8, 8, false, "MONOCHROME1"), RenderingAttributes.None);
        image.Pixels.Should().Equal(255, 0);
    }

    [Fact]
    public void One_bit_pixels_are_read_least_significant_bit_first()
    {
        // 0b0000_0101: pixels 0 and 2 set.
        var image = FrameRenderer.Render([0x05], TestFormats.Mono(1, 4, 1, 1, false), RenderingAttributes.None);
        image.Pixels.Should().Equal(255, 0, 255, 0);
    }

    [Fact]
    public void Thirty_two_bit_data_renders_through_the_per_pixel_path()
    {
        var frame = new byte[12];
        BitConverter.TryWriteBytes(frame.AsSpan(0), 0u);
        BitConverter.TryWriteBytes(frame.AsSpan(4), 100_000u);
        BitConverter.TryWriteBytes(frame.AsSpan(8), 200_000u);
        var image = FrameRenderer.Render(frame, TestFormats.Mono(1, 3, 32, 32, false), RenderingAttributes.None);
        image.Pixels.Should().Equal(0, 128, 255);
    }

    [Fact]
    public void Photometric_padding_and_case_are_tolerated()
    {
        var image = FrameRenderer.Render([10, 20], TestFormats.Mono(1, 2, 8, 8, false, "monochrome1 "), RenderingAttributes.None);
        image.Pixels.Should().Equal(255, 0);
    }

    [Fact]
    public void Too_short_frame_is_rejected_before_allocating_the_declared_size()
    {
        var format = TestFormats.Mono(30000, 30000, 16, 16, false);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var act = () => FrameRenderer.Render(new byte[1024], format, RenderingAttributes.None);
        act.Should().Throw<DicomException>().WithMessage("*1800000000 bytes*1024 given*");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1_000_000);
    }

    [Fact]
    public void Unsupported_bits_allocated_are_rejected_before_allocating_the_image()
    {
        var format = TestFormats.Mono(20000, 20000, 24, 24, false);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var act = () => FrameRenderer.Render(new byte[16], format, RenderingAttributes.None);
        act.Should().Throw<DicomException>().WithMessage("MONOCHROME2 rendering supports 1, 8, 16, 32 bits allocated, not 24");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1_000_000);
    }

    [Fact]
    public void Grayscale_with_three_samples_is_rejected()
    {
        var format = TestFormats.Color(1, 1, "MONOCHROME2");
        var act = () => FrameRenderer.Render(new byte[3], format, RenderingAttributes.None);
        act.Should().Throw<DicomException>().WithMessage("*1 sample*");
    }

    [Fact]
    public void Unknown_photometric_is_rejected_by_name()
    {
        var act = () => FrameRenderer.Render(new byte[3], TestFormats.Color(1, 1, "HSV"), RenderingAttributes.None);
        act.Should().Throw<DicomException>().WithMessage("*HSV*");
    }

    [Theory]
    [InlineData(16, 12, true, VoiLutFunction.Linear)]
    [InlineData(16, 16, true, VoiLutFunction.LinearExact)]
    [InlineData(16, 10, false, VoiLutFunction.Sigmoid)]
    [InlineData(8, 7, true, VoiLutFunction.Linear)]
    [InlineData(8, 8, false, VoiLutFunction.LinearExact)]
    public void Table_path_matches_the_formulas_of_the_standard_for_random_pixels(int allocated, int stored, bool signed, VoiLutFunction function)
    {
        var random = new Random(allocated * 1000 + stored * 10 + (signed ? 1 : 0));
        int pixels = 4096;
        var frame = new byte[pixels * allocated / 8];
        random.NextBytes(frame);
        double slope = 0.5 + random.NextDouble() * 2;
        double intercept = random.Next(-2000, 2000);
        var window = new VoiWindow(random.Next(-500, 1500), random.Next(1, 3000));
        var attributes = new RenderingAttributes
        {
            RescaleSlope = slope,
            RescaleIntercept = intercept,
            Windows = [window],
            VoiLutFunction = function,
        };

        var image = FrameRenderer.Render(frame, TestFormats.Mono(64, 64, allocated, stored, signed, "MONOCHROME1"), attributes);

        for (int i = 0; i < pixels; i++)
        {
            long raw = allocated == 8 ? frame[i] : frame[2 * i] | (frame[2 * i + 1] << 8);
            long value = raw & ((1L << stored) - 1);
            if (signed && value >= 1L << (stored - 1))
            {
                value -= 1L << stored;
            }

            double x = value * slope + intercept;
            double y = ReferenceVoi(function, x, window.Center, window.Width);
            int expected = 255 - (int)Math.Round(y);
            image.Pixels[i].Should().BeCloseTo((byte)expected, 1, $"pixel {i} (stored {value})");
        }
    }

    // Written out as PS3.3 C.11.2.1.2.1 and C.11.2.1.3 state them, with an output range of 0..255.
    private static double ReferenceVoi(VoiLutFunction function, double x, double c, double w)
    {
        const double yMin = 0;
        const double yMax = 255;
        switch (function)
        {
            case VoiLutFunction.Linear:
                if (x <= c - 0.5 - (w - 1) / 2)
                {
                    return yMin;
                }

                if (x > c - 0.5 + (w - 1) / 2)
                {
                    return yMax;
                }

                return ((x - (c - 0.5)) / (w - 1) + 0.5) * (yMax - yMin) + yMin;
            case VoiLutFunction.LinearExact:
                if (x <= c - w / 2)
                {
                    return yMin;
                }

                if (x > c + w / 2)
                {
                    return yMax;
                }

                return ((x - c) / w + 0.5) * (yMax - yMin) + yMin;
            default:
                return (yMax - yMin) / (1 + Math.Exp(-4 * (x - c) / w)) + yMin;
        }
    }
}
