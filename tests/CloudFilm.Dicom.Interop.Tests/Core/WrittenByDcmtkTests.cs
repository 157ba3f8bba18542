using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Pixels;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Interop.Tests.Core;

/// <summary>Files dcmtk writes in each syntax it offers, read by us with the same values and pixels.</summary>
public class WrittenByDcmtkTests
{
    public static TheoryData<string, string> Conversions() => new()
    {
        { "+ti", DicomTransferSyntax.ImplicitVRLittleEndian.Uid },
        { "+te", DicomTransferSyntax.ExplicitVRLittleEndian.Uid },
        { "+tb", DicomTransferSyntax.ExplicitVRBigEndian.Uid },
        { "+td", DicomTransferSyntax.DeflatedExplicitVRLittleEndian.Uid },
    };

    [Theory]
    [MemberData(nameof(Conversions))]
    public void Dcmconv_output_reads_with_same_text_and_pixels(string option, string uid)
    {
        using var temp = new TempDirectory();
        var source = Path.Combine(ExternalTool.PydicomTestFiles, "CT_small.dcm");
        var converted = temp.File("converted.dcm");
        var result = ExternalTool.Run("dcmconv", option, source, converted);
        result.ExitCode.Should().Be(0, result.Stderr);

        var original = DicomFile.Open(source);
        var file = DicomFile.Open(converted);

        file.TransferSyntax.Uid.Should().Be(uid);
        PydicomTextDump.FromOurs(file.Dataset).Should().BeEquivalentTo(PydicomTextDump.FromOurs(original.Dataset));
        DicomPixelData.Create(file.Dataset, file.TransferSyntax).DecodeFrame(0).Pixels
            .Should().Equal(DicomPixelData.Create(original.Dataset, original.TransferSyntax).DecodeFrame(0).Pixels);
    }

    [Fact]
    public void Implicit_vr_private_elements_get_their_vr_from_the_private_dictionary()
    {
        using var temp = new TempDirectory();
        var converted = temp.File("implicit.dcm");
        ExternalTool.Run("dcmconv", "+ti", Path.Combine(ExternalTool.PydicomTestFiles, "CT_small.dcm"), converted).ExitCode.Should().Be(0);

        var ds = DicomFile.Open(converted).Dataset;

        var tag = ds.FindPrivateTag(0x0009, "GEMS_IDEN_01", 0x01)!.Value;
        ds.Find(tag)!.VR.Should().BeSameAs(CloudFilm.Dicom.Data.DicomVR.LO);
        ds.GetString(tag).Should().Be("GE_GENESIS_FF");
    }

    [Fact]
    public void Native_pixels_match_pydicom_pixel_array_for_multi_frame_and_big_endian_files()
    {
        const string script = """
            import sys, hashlib, pydicom
            for path in sys.argv[1:]:
                d = pydicom.dcmread(path)
                a = d.pixel_array
                if d.BitsAllocated == 1:
                    import numpy
                    data = numpy.packbits(a.ravel(), bitorder='little').tobytes()  # ours keeps 1-bit frames packed
                else:
                    data = a.astype(a.dtype.newbyteorder('<')).tobytes()
                print(hashlib.sha256(data).hexdigest())
            """;
        string[] names = ["CT_small.dcm", "MR_small_bigendian.dcm", "rtdose.dcm", "rtdose_expb.dcm", "SC_rgb_small_odd.dcm", "liver_expb_1frame.dcm"];
        var paths = names.Select(n => Path.Combine(ExternalTool.PydicomTestFiles, n)).ToArray();

        var theirs = ExternalTool.Pydicom(script, paths).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        for (var i = 0; i < paths.Length; i++)
        {
            var file = DicomFile.Open(paths[i]);
            var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            for (var f = 0; f < pixels.NumberOfFrames; f++)
            {
                hash.AppendData(pixels.DecodeFrame(f).Pixels);
            }
            Convert.ToHexStringLower(hash.GetHashAndReset()).Should().Be(theirs[i], names[i]);
        }
    }
}
