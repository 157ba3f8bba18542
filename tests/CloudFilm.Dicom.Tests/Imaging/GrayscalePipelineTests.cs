using CloudFilm.Dicom.Imaging;

namespace CloudFilm.Dicom.Tests.Imaging;

public class GrayscalePipelineTests
{
    private static readonly RenderingAttributes Ct = new()
    {
        RescaleSlope = 1,
        RescaleIntercept = -1024,
        Windows = [new VoiWindow(40, 400, "SOFT TISSUE"), new VoiWindow(600, 2800, "BONE")],
    };

    [Fact]
    public void Window_applies_to_rescaled_values()
    {
        var pipeline = GrayscalePipeline.Create("MONOCHROME2", Ct, RenderOptions.Default, null);
        pipeline.ToModality(1064).Should().Be(40);
        // Stored 864 is −160 HU: the lower LINEAR bound, black. Stored 1263 is 239 HU: the upper bound, white.
        pipeline.ToDisplay(864).Should().Be(0);
        pipeline.ToDisplay(1263).Should().Be(255);
        pipeline.ToDisplay(1064).Should().Be(128);
    }

    [Fact]
    public void Voi_index_picks_another_window()
    {
        var pipeline = GrayscalePipeline.Create("MONOCHROME2", Ct, new RenderOptions { VoiIndex = 1 }, null);
        pipeline.Window!.Value.Explanation.Should().Be("BONE");
    }

    [Fact]
    public void A_given_window_overrides_the_file()
    {
        var options = new RenderOptions { Window = new VoiWindow(0, 100) };
        var pipeline = GrayscalePipeline.Create("MONOCHROME2", Ct with { VoiLuts = [Ramp(0, 256, 8)] }, options, null);
        pipeline.Window.Should().Be(new VoiWindow(0, 100));
        pipeline.ToDisplay(1024 - 51).Should().Be(0);
    }

    [Fact]
    public void Sigmoid_function_from_the_file_is_used_with_its_window()
    {
        var attributes = Ct with { VoiLutFunction = VoiLutFunction.Sigmoid };
        var pipeline = GrayscalePipeline.Create("MONOCHROME2", attributes, RenderOptions.Default, null);
        // 140 HU is c + w/4: 1 / (1 + e^-1) of the range.
        pipeline.ToDisplay(1024 + 140).Should().Be((byte)Math.Round(255 / (1 + Math.Exp(-1))));
    }

    [Fact]
    public void Modality_lut_replaces_rescale()
    {
        var attributes = Ct with { ModalityLut = Ramp(-10, 20, 16, step: 3), Windows = [] };
        var pipeline = GrayscalePipeline.Create("MONOCHROME2", attributes, RenderOptions.Default, (-10, 9));
        pipeline.ToModality(-10).Should().Be(0);
        pipeline.ToModality(0).Should().Be(30);
        pipeline.ToModality(500).Should().Be(57);
    }

    [Fact]
    public void Voi_lut_replaces_the_window_and_scales_its_output_range()
    {
        var attributes = Ct with { VoiLuts = [Ramp(-1024, 4096, 12)] };
        var pipeline = GrayscalePipeline.Create("MONOCHROME2", attributes, RenderOptions.Default, null);
        pipeline.Window.Should().BeNull();
        pipeline.ToDisplay(0).Should().Be(0);
        pipeline.ToDisplay(4095).Should().Be(255);
        pipeline.ToDisplay(2048).Should().Be((byte)Math.Round(2048 * 255.0 / 4095));
    }

    [Fact]
    public void Monochrome1_inverts()
    {
        var pipeline = GrayscalePipeline.Create("MONOCHROME1", Ct, RenderOptions.Default, null);
        pipeline.ToDisplay(864).Should().Be(255);
        pipeline.ToDisplay(1263).Should().Be(0);
    }

    [Fact]
    public void Monochrome1_with_presentation_lut_shape_inverse_inverts_once()
    {
        var attributes = Ct with { PresentationLutShape = PresentationLutShape.Inverse };
        var pipeline = GrayscalePipeline.Create("MONOCHROME1", attributes, RenderOptions.Default, null);
        pipeline.Inverts.Should().BeTrue();
        pipeline.ToDisplay(864).Should().Be(255);
    }

    [Fact]
    public void Monochrome2_with_presentation_lut_shape_inverse_inverts()
    {
        var attributes = Ct with { PresentationLutShape = PresentationLutShape.Inverse };
        GrayscalePipeline.Create("MONOCHROME2", attributes, RenderOptions.Default, null).ToDisplay(864).Should().Be(255);
        var identity = Ct with { PresentationLutShape = PresentationLutShape.Identity };
        GrayscalePipeline.Create("MONOCHROME2", identity, RenderOptions.Default, null).ToDisplay(864).Should().Be(0);
    }

    [Fact]
    public void Without_window_the_stored_range_is_rescaled_and_spans_black_to_white()
    {
        var attributes = new RenderingAttributes { RescaleSlope = 2, RescaleIntercept = -100 };
        GrayscalePipeline.NeedsStoredRange(attributes, RenderOptions.Default).Should().BeTrue();
        var pipeline = GrayscalePipeline.Create("MONOCHROME2", attributes, RenderOptions.Default, (10, 60));
        pipeline.ToDisplay(10).Should().Be(0);
        pipeline.ToDisplay(60).Should().Be(255);
        pipeline.ToDisplay(35).Should().BeInRange(125, 130);
    }

    [Fact]
    public void Negative_slope_swaps_the_rescaled_range()
    {
        var attributes = new RenderingAttributes { RescaleSlope = -1, RescaleIntercept = 0 };
        var pipeline = GrayscalePipeline.Create("MONOCHROME2", attributes, RenderOptions.Default, (0, 100));
        pipeline.ToDisplay(100).Should().Be(0);
        pipeline.ToDisplay(0).Should().Be(255);
    }

    [Fact]
    public void Use_min_max_ignores_the_file_window()
    {
        var options = new RenderOptions { UseMinMaxWindow = true };
        GrayscalePipeline.NeedsStoredRange(Ct, options).Should().BeTrue();
        var pipeline = GrayscalePipeline.Create("MONOCHROME2", Ct, options, (0, 1000));
        pipeline.ToDisplay(0).Should().Be(0);
        pipeline.ToDisplay(1000).Should().Be(255);
    }

    [Fact]
    public void Missing_range_when_one_is_needed_is_a_caller_bug()
    {
        var act = () => GrayscalePipeline.Create("MONOCHROME2", RenderingAttributes.None, RenderOptions.Default, null);
        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(-2000, null, -2000, true)]
    [InlineData(-2000, null, -1999, false)]
    [InlineData(0, 100, 50, true)]
    [InlineData(100, 0, 100, true)]
    [InlineData(100, 0, 101, false)]
    public void Padding_is_a_value_or_an_inclusive_range(int value, int? limit, long stored, bool expected)
    {
        var attributes = new RenderingAttributes { PixelPaddingValue = value, PixelPaddingRangeLimit = limit };
        attributes.IsPadding(stored).Should().Be(expected);
    }

    internal static LookupTable Ramp(int first, int count, int bits, int step = 1)
    {
        var entries = new ushort[count];
        for (int i = 0; i < count; i++)
        {
            entries[i] = (ushort)Math.Min(i * step, (1 << bits) - 1);
        }

        return LookupTable.FromEntries(first, bits, entries);
    }
}
