using CloudFilm.Dicom.Imaging;

namespace CloudFilm.Dicom.Interop.Tests.Imaging;

/// <summary>
/// Our rendering of real and generated files, read through our own data set reader, against DCMTK's dcm2pnm with
/// the same VOI choice: every sample within ±1 level.
/// </summary>
public class RenderMatchesDcmtkTests
{
    [Theory]
    [InlineData("CT_small.dcm", 40, 400)]
    [InlineData("CT_small.dcm", -600, 1500)]
    [InlineData("CT_small.dcm", 200.5, 1)]
    [InlineData("MR_small.dcm", 500, 1000)]
    [InlineData("MR_small_bigendian.dcm", 500, 1000)]
    [InlineData("MR_small_implicit.dcm", 500, 1000)]
    public void Given_window_matches_dcm2pnm(string file, double center, double width)
    {
        string path = SampleFiles.Pydicom(file);
        var ours = ToolkitReader.Load(path).Render(0, new RenderOptions { Window = new VoiWindow(center, width) });
        ours.ShouldMatch(Dcm2Pnm.Render(path, "+Ww", Invariant(center), Invariant(width)));
    }

    [Theory]
    [InlineData("MR_small.dcm")]
    public void File_window_matches_dcm2pnm_first_window(string file)
    {
        string path = SampleFiles.Pydicom(file);
        ToolkitReader.Load(path).Render().ShouldMatch(Dcm2Pnm.Render(path, "+Wi", "1"));
    }

    [Theory]
    [InlineData("mono1.dcm")]
    [InlineData("mono1_inverse.dcm")]
    [InlineData("mono2_inverse.dcm")]
    [InlineData("sigmoid.dcm")]
    [InlineData("signed12.dcm")]
    public void Generated_file_window_matches_dcm2pnm_first_window(string file)
    {
        string path = SampleFiles.Made(file);
        ToolkitReader.Load(path).Render().ShouldMatch(Dcm2Pnm.Render(path, "+Wi", "1"));
    }

    [Fact]
    public void Given_sigmoid_window_matches_dcm2pnm()
    {
        string path = SampleFiles.Pydicom("CT_small.dcm");
        var options = new RenderOptions { Window = new VoiWindow(40, 400), WindowFunction = VoiLutFunction.Sigmoid };
        ToolkitReader.Load(path).Render(0, options).ShouldMatch(Dcm2Pnm.Render(path, "+Ww", "40", "400", "+Wfs"));
    }

    [Fact]
    public void Monochrome1_min_max_matches_dcm2pnm()
    {
        string path = SampleFiles.Made("mono1.dcm");
        ToolkitReader.Load(path).Render(0, new RenderOptions { UseMinMaxWindow = true }).ShouldMatch(Dcm2Pnm.Render(path, "+Wm"));
    }

    [Fact]
    public void Second_window_of_the_file_matches_dcm2pnm_second_window()
    {
        string path = SampleFiles.Made("two_windows.dcm");
        var image = ToolkitReader.Load(path);
        image.AttributesOf(0).Windows[1].Explanation.Should().Be("WIDE");
        image.Render(0, new RenderOptions { VoiIndex = 1 }).ShouldMatch(Dcm2Pnm.Render(path, "+Wi", "2"));
    }

    [Fact]
    public void Voi_lut_sequence_matches_dcm2pnm_first_voi_lut()
    {
        string path = SampleFiles.Made("voilut.dcm");
        ToolkitReader.Load(path).Render().ShouldMatch(Dcm2Pnm.Render(path, "+Wl", "1"));
    }

    [Theory]
    [InlineData("MR_small.dcm")]
    [InlineData("MR_small_padded.dcm")]
    [InlineData("MR_small_expb.dcm")]
    [InlineData("image_dfl.dcm")]
    [InlineData("liver_expb_1frame.dcm")]
    [InlineData("rtdose_1frame.dcm")]
    public void Min_max_window_matches_dcm2pnm(string file)
    {
        string path = SampleFiles.Pydicom(file);
        var ours = ToolkitReader.Load(path).Render(0, new RenderOptions { UseMinMaxWindow = true });
        ours.ShouldMatch(Dcm2Pnm.Render(path, "+Wm"));
    }

    [Fact]
    public void Big_endian_32_bit_dose_renders_like_its_little_endian_twin()
    {
        // The file holds each 32-bit sample in big-endian order (00 13 0E E8 for 0x00130EE8, as pydicom reads it).
        // dcm2pnm swaps OW per 16-bit word and gets other values, so the reference is the little-endian copy.
        var ours = ToolkitReader.Load(SampleFiles.Pydicom("rtdose_expb_1frame.dcm")).Render(0, new RenderOptions { UseMinMaxWindow = true });
        ours.ShouldMatch(Dcm2Pnm.Render(SampleFiles.Pydicom("rtdose_1frame.dcm"), "+Wm"));
    }

    [Fact]
    public void Without_window_pixel_padding_is_left_out_of_the_min_max()
    {
        // dcm2pnm +Wm counts padding (its window would start at -2000), so compare with the window that leaves it
        // out: values -744..3095 give width 3840 and centre -744 + 3840 / 2 = 1176.
        string path = SampleFiles.Made("padding.dcm");
        ToolkitReader.Load(path).Render().ShouldMatch(Dcm2Pnm.Render(path, "+Ww", "1176", "3840"));
    }

    [Fact]
    public void Modality_lut_sequence_without_window_matches_dcm2pnm_min_max()
    {
        string path = SampleFiles.Made("modlut.dcm");
        ToolkitReader.Load(path).Render().ShouldMatch(Dcm2Pnm.Render(path, "+Wm"));
    }

    [Fact]
    public void Frame_of_a_multi_frame_image_matches_dcm2pnm_frame()
    {
        string path = SampleFiles.Made("multiframe8.dcm");
        var image = ToolkitReader.Load(path);
        image.FrameCount.Should().Be(3);
        for (int frame = 0; frame < 3; frame++)
        {
            var ours = image.Render(frame, new RenderOptions { Window = new VoiWindow(128, 256) });
            ours.ShouldMatch(Dcm2Pnm.Render(path, "+F", (frame + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "+Ww", "128", "256"));
        }
    }

    [Theory]
    [InlineData("MR_small_RLE.dcm")]
    [InlineData("rtdose_rle_1frame.dcm")]
    public void Compressed_grey_file_matches_dcm2pnm_min_max(string file)
    {
        string path = SampleFiles.Pydicom(file);
        ToolkitReader.Load(path).Render(0, new RenderOptions { UseMinMaxWindow = true }).ShouldMatch(Dcm2Pnm.Render(path, "+Wm"));
    }

    [Fact]
    public void Jpeg_ls_file_matches_dcm2pnm_after_dcmtk_decompresses_it()
    {
        string path = SampleFiles.Pydicom("MR_small_jpeg_ls_lossless.dcm");
        var ours = ToolkitReader.Load(path).Render(0, new RenderOptions { Window = new VoiWindow(600, 1600) });
        ours.ShouldMatch(Dcm2Pnm.RenderDecompressed("/usr/bin/dcmdjpls", path, "+Ww", "600", "1600"));
    }

    [Fact]
    public void Jpeg_extended_12_bit_grey_file_matches_dcmtk_within_idct_rounding()
    {
        // Lossy 12-bit: two IDCTs may differ by a stored unit here and there, which the min/max window of this
        // image stretches to at most two grey levels (about 300 pixels).
        string path = SampleFiles.Pydicom("JPGExtended.dcm");
        var ours = ToolkitReader.Load(path).Render(0, new RenderOptions { UseMinMaxWindow = true });
        ours.ShouldMatch(Dcm2Pnm.RenderDecompressed("/usr/bin/dcmdjpeg", path, "+Wm"), tolerance: 2);
    }

    [Theory]
    [InlineData("MR_small_jp2klossless.dcm", 1)]
    [InlineData("JPEG2000.dcm", 1)]
    [InlineData("693_J2KI.dcm", 1)]
    [InlineData("J2K_pixelrep_mismatch.dcm", 1)]
    public void Jpeg_2000_grey_file_matches_gdcm_then_dcm2pnm(string file, int tolerance)
    {
        string path = SampleFiles.Pydicom(file);
        var ours = ToolkitReader.Load(path).Render(0, new RenderOptions { UseMinMaxWindow = true });
        ours.ShouldMatch(Dcm2Pnm.RenderAfterGdcm(path, "+Wm"), tolerance);
    }

    [Fact]
    public void Jpeg_2000_colour_file_matches_gdcm_then_dcm2pnm()
    {
        string path = SampleFiles.Pydicom("GDCMJ2K_TextGBR.dcm");
        ToolkitReader.Load(path).Render().ShouldMatch(Dcm2Pnm.RenderAfterGdcm(path));
    }

    // Lossless JPEG must agree exactly as far as rendering goes; lossy JPEG decoders may differ by IDCT rounding.
    [Theory]
    [InlineData("SC_rgb_jpeg_gdcm.dcm", 1)]
    [InlineData("SC_rgb_jpeg_dcmtk.dcm", 1)]
    [InlineData("SC_jpeg_no_color_transform.dcm", 1)]
    [InlineData("SC_jpeg_no_color_transform_2.dcm", 1)]
    [InlineData("SC_rgb_jpeg_app14_dcmd.dcm", 1)]
    [InlineData("SC_rgb_jpeg_lossy_gdcm.dcm", 1)]
    [InlineData("SC_rgb_dcmtk_+eb+cr.dcm", 1)]
    [InlineData("SC_rgb_dcmtk_+eb+cy+n1.dcm", 1)]
    [InlineData("SC_rgb_dcmtk_+eb+cy+s2.dcm", 1)]
    [InlineData("SC_rgb_small_odd_jpeg.dcm", 1)]
    public void Jpeg_colour_file_matches_dcmtk(string file, int tolerance)
    {
        string path = SampleFiles.Pydicom(file);
        ToolkitReader.Load(path).Render().ShouldMatch(Dcm2Pnm.RenderDecompressed("/usr/bin/dcmdjpeg", path), tolerance);
    }

    [Theory]
    [InlineData("SC_rgb_small_odd.dcm", 1)]
    [InlineData("SC_ybr_full_422_uncompressed.dcm", 1)]
    [InlineData("SC_rgb_rle.dcm", 1)]
    [InlineData("SC_rgb_rle_16bit.dcm", 1)]
    [InlineData("SC_rgb_rle_2frame.dcm", 2)]
    public void Colour_file_matches_dcm2pnm(string file, int frame)
    {
        string path = SampleFiles.Pydicom(file);
        var ours = ToolkitReader.Load(path).Render(frame - 1);
        ours.ShouldMatch(Dcm2Pnm.Render(path, "+F", frame.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("SC_rgb_small_odd.dcm")]
    [InlineData("SC_ybr_full_422_uncompressed.dcm")]
    [InlineData("ExplVR_BigEnd.dcm")]
    public void Colour_file_without_frame_option_matches_dcm2pnm(string file)
    {
        string path = SampleFiles.Pydicom(file);
        ToolkitReader.Load(path).Render().ShouldMatch(Dcm2Pnm.Render(path));
    }

    [Theory]
    [InlineData("rgb_planar.dcm")]
    [InlineData("palette8.dcm")]
    [InlineData("palette16.dcm")]
    [InlineData("palette_signed.dcm")]
    public void Generated_colour_file_matches_dcm2pnm(string file)
    {
        string path = SampleFiles.Made(file);
        ToolkitReader.Load(path).Render().ShouldMatch(Dcm2Pnm.Render(path));
    }

    [Fact]
    public void Ybr_full_matches_dcm2pnm_within_its_rounding()
    {
        // Random YBR triples, many outside the RGB gamut. DCMTK's fixed-point conversion lands up to 2 levels from
        // the exact inverse equations that our unit tests pin (e.g. Y 233 Cb 244 Cr 109: R = 206.4, DCMTK gives 208).
        string path = SampleFiles.Made("ybr_full.dcm");
        ToolkitReader.Load(path).Render().ShouldMatch(Dcm2Pnm.Render(path), tolerance: 2);
    }

    [Fact]
    public void One_bit_segmentation_matches_dcm2pnm()
    {
        string path = SampleFiles.Pydicom("liver_1frame.dcm");
        ToolkitReader.Load(path).Render(0, new RenderOptions { UseMinMaxWindow = true }).ShouldMatch(Dcm2Pnm.Render(path, "+Wm"));
    }

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
