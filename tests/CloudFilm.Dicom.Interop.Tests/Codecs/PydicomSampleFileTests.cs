using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Interop.Tests.Codecs;

/// <summary>
/// pydicom's sample files, made by other toolkits (GDCM, dcmtk, Kakadu, CharLS…), decoded by us and by a reference
/// decoder (dcmtk, or GDCM for JPEG 2000): the pixels must match, exactly for lossless syntaxes.
/// </summary>
public class PydicomSampleFileTests
{
    private const string Samples = "/usr/lib/python3/dist-packages/pydicom/data/test_files/";

    public static TheoryData<string, string, bool> Files() => new()
    {
        { "MR_small_RLE.dcm", "dcmdrle", true },
        { "SC_rgb_rle.dcm", "dcmdrle", true },
        { "SC_rgb_rle_2frame.dcm", "dcmdrle", true },
        { "SC_rgb_rle_16bit.dcm", "dcmdrle", true },
        { "SC_rgb_rle_16bit_2frame.dcm", "dcmdrle", true },
        { "SC_rgb_rle_32bit.dcm", "dcmdrle", true },
        { "SC_rgb_rle_32bit_2frame.dcm", "dcmdrle", true },
        { "rtdose_rle_1frame.dcm", "dcmdrle", true },
        { "rtdose_rle.dcm", "dcmdrle", true },
        { "MR_small_jpeg_ls_lossless.dcm", "dcmdjpls", true },
        { "SC_rgb_jpeg_dcmtk.dcm", "dcmdjpeg", false },
        { "SC_rgb_dcmtk_+eb+cr.dcm", "dcmdjpeg", false },
        { "SC_rgb_dcmtk_+eb+cy+n1.dcm", "dcmdjpeg", false },
        { "SC_rgb_dcmtk_+eb+cy+n2.dcm", "dcmdjpeg", false },
        { "SC_rgb_dcmtk_+eb+cy+np.dcm", "dcmdjpeg", false },
        { "SC_rgb_dcmtk_+eb+cy+s2.dcm", "dcmdjpeg", false },
        { "SC_rgb_dcmtk_+eb+cy+s4.dcm", "dcmdjpeg", false },
        { "SC_rgb_jpeg_gdcm.dcm", "dcmdjpeg", false },
        { "SC_rgb_small_odd_jpeg.dcm", "dcmdjpeg", false },
        { "JPEG-lossy.dcm", "dcmdjpeg", false },
        { "JPGExtended.dcm", "dcmdjpeg", false },
        { "SC_jpeg_no_color_transform.dcm", "dcmdjpeg", false },
        { "SC_jpeg_no_color_transform_2.dcm", "dcmdjpeg", false },
        { "SC_rgb_jpeg.dcm", "gdcmconv", false }, // dcmtk cannot parse this file (implicit VR under an explicit syntax)
        { "SC_rgb_jpeg_app14_dcmd.dcm", "dcmdjpeg", false },
        { "SC_rgb_jpeg_lossy_gdcm.dcm", "dcmdjpeg", false },
        { "JPEG2000.dcm", "gdcmconv", false },
        { "MR_small_jp2klossless.dcm", "gdcmconv", true },
        { "J2K_pixelrep_mismatch.dcm", "gdcmconv", true },
        { "GDCMJ2K_TextGBR.dcm", "gdcmconv", true },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Decodes_like_the_reference_toolkit(string file, string referenceTool, bool lossless)
    {
        using var dir = new TempDirectory();
        string source = Path.Combine(Samples, file);
        File.Exists(source).Should().BeTrue($"pydicom's sample {file} must be installed (python3-pydicom)");
        if (referenceTool == "gdcmconv")
        {
            ExternalTools.Run("gdcmconv", "--raw", source, dir.File("reference.dcm"));
        }
        else
        {
            ExternalTools.Run(referenceTool, source, dir.File("reference.dcm"));
        }

        var encoded = DicomFiles.Read(source);
        var reference = DicomFiles.Read(dir.File("reference.dcm"));
        var codec = PixelCodecRegistry.Get(encoded.TransferSyntaxUid);
        int frameLength = (int)reference.Format.FrameLength;
        var referencePixels = reference.Frames.Count == encoded.Frames.Count
            ? reference.Frames
            : Enumerable.Range(0, encoded.Frames.Count).Select(i => reference.Frames[0].AsSpan(i * frameLength, frameLength).ToArray()).ToList();
        for (int i = 0; i < encoded.Frames.Count; i++)
        {
            var decoded = Frames.Decode(codec, encoded.Frames[i], encoded.Format, out var format);
            var expected = Frames.ToInterleaved(referencePixels[i], reference.Format);
            var compareFormat = format with { Planar = PlanarConfiguration.Interleaved, BitsStored = reference.Format.BitsStored };
            if (lossless)
            {
                Frames.ShouldMatch(decoded, expected, compareFormat, $"{file} frame {i}");
            }
            else
            {
                LossyComparison.ShouldBeClose(decoded, expected, compareFormat);
            }
        }
    }
}
