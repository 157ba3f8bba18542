using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Json;
using CloudFilm.Dicom.Pixels;

namespace CloudFilm.Dicom.Interop.Tests.Core;

/// <summary>Mutation fuzzing of real files from other toolkits: only format (or other toolkit) errors may come out.</summary>
public class SampleFileFuzzTests
{
    [Fact]
    public void Mutated_sample_files_raise_only_dicom_errors()
    {
        string[] names =
        [
            "CT_small.dcm", "MR_small_implicit.dcm", "MR_small_bigendian.dcm", "image_dfl.dcm", "JPEG2000.dcm",
            "UN_sequence.dcm", "nested_priv_SQ.dcm", "rtplan.dcm", "SC_rgb_rle_2frame.dcm", "test-SR.dcm",
        ];
        var random = new Random(4242);
        var failures = new List<string>();
        foreach (var name in names)
        {
            var source = File.ReadAllBytes(Path.Combine(ExternalTool.PydicomTestFiles, name));
            for (var round = 0; round < 250; round++)
            {
                var bytes = Mutate(source, random);
                try
                {
                    var file = DicomFile.Read(new MemoryStream(bytes));
                    _ = DicomJsonWriter.Serialize(file.Dataset);
                    if (file.Dataset.Contains(DicomTags.PixelData))
                    {
                        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
                        _ = pixels.GetFrameBytes(0);
                    }
                }
                catch (DicomException)
                {
                }
                catch (Exception e)
                {
                    failures.Add($"{name} round {round}: {e.GetType().Name}: {e.Message}");
                }
            }
        }
        failures.Should().BeEmpty();
    }

    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = (byte[])source.Clone();
        switch (random.Next(4))
        {
            case 0:
                for (var i = random.Next(1, 10); i > 0; i--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
                return bytes;
            case 1:
                BitConverter.GetBytes(random.Next(2) == 0 ? 0xFFFFFFFFu : (uint)random.Next()).CopyTo(bytes, random.Next(bytes.Length - 4));
                return bytes;
            case 2:
                return bytes[..random.Next(bytes.Length)];
            default:
                var cut = random.Next(bytes.Length);
                return [.. bytes[..cut], .. bytes[Math.Min(bytes.Length, cut + random.Next(1, 16))..]];
        }
    }
}
