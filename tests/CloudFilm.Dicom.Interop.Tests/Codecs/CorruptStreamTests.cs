using CloudFilm.Dicom.Codecs;

namespace CloudFilm.Dicom.Interop.Tests.Codecs;

/// <summary>
/// Real-world streams with random damage: decoders must end in a DicomException (or succeed), never overrun,
/// hang or throw anything else.
/// </summary>
public class CorruptStreamTests
{
    private const string Samples = "/usr/lib/python3/dist-packages/pydicom/data/test_files/";

    [Theory]
    [InlineData("SC_rgb_dcmtk_+eb+cy+np.dcm")]
    [InlineData("JPEG-lossy.dcm")]
    [InlineData("MR_small_jpeg_ls_lossless.dcm")]
    [InlineData("SC_rgb_rle_16bit.dcm")]
    public void Damaged_frames_fail_cleanly(string file)
    {
        var set = DicomFiles.Read(Path.Combine(Samples, file));
        var codec = PixelCodecRegistry.Get(set.TransferSyntaxUid);
        var frame = set.Frames[0];
        var output = new byte[codec.Probe(frame, set.Format).FrameLength];
        var random = new Random(file.Length);
        int rejected = 0;
        for (int trial = 0; trial < 200; trial++)
        {
            var bad = (byte[])frame.Clone();
            int hits = 1 + trial % 4;
            for (int i = 0; i < hits; i++)
            {
                bad[random.Next(bad.Length)] = (byte)random.Next(256);
            }

            var length = trial % 5 == 0 ? random.Next(1, bad.Length) : bad.Length;
            try
            {
                codec.Decode(bad.AsSpan(0, length), set.Format, output);
            }
            catch (DicomException)
            {
                rejected++;
            }
        }

        rejected.Should().BeGreaterThan(0, "some of the damage must be detected");
    }
}
