using System.Diagnostics;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.IO;

public class MalformedInputTests
{
    [Fact]
    public void Zero_byte_input_is_a_format_error_at_offset_0()
    {
        var act = () => DicomFile.Read(new MemoryStream([]));

        act.Should().Throw<DicomFormatException>().Which.Offset.Should().Be(0);
    }

    [Fact]
    public void Garbage_is_a_format_error()
    {
        var act = () => DicomFile.Read(new MemoryStream("hello, this is not DICOM at all"u8.ToArray()));

        act.Should().Throw<DicomFormatException>();
    }

    [Fact]
    public void Truncated_value_is_a_format_error_naming_offset_and_tag()
    {
        var bytes = TestFiles.FileBytes(TestFiles.Image(16, 16), DicomTransferSyntax.ExplicitVRLittleEndian);

        var act = () => DicomFile.Read(new MemoryStream(bytes[..^10]));

        var e = act.Should().Throw<DicomFormatException>().Which;
        e.Tag.Should().Be(DicomTags.PixelData);
        e.Offset.Should().BeGreaterThan(132);
        e.Message.Should().Contain("(7FE0,0010)").And.Contain("offset");
    }

    [Fact]
    public void Small_input_declaring_a_huge_value_fails_without_allocating_it()
    {
        // 1 KB of input whose first element claims 100 MB, read from a stream that cannot say how long it is.
        var bytes = new RawEncoding().Tag(0x0009, 0x1000).Ascii("OB").U16(0).U32(100_000_000).Bytes(new byte[1000]).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var act = () => DicomDatasetReader.Read(new ForwardOnlyStream(bytes), DicomTransferSyntax.ExplicitVRLittleEndian);

        act.Should().Throw<DicomFormatException>().Which.Tag.Should().Be(new DicomTag(0x0009, 0x1000));
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(8_000_000);
    }

    [Fact]
    public void Deeply_nested_sequences_are_refused_instead_of_overflowing_the_stack()
    {
        var raw = new RawEncoding();
        for (var i = 0; i < 10_000; i++)
        {
            raw.Tag(0x0008, 0x1110).Ascii("SQ").U16(0).U32(0xFFFFFFFF).Tag(0xFFFE, 0xE000).U32(0xFFFFFFFF);
        }

        var act = () => DicomDatasetReader.Read(raw.ToArray(), DicomTransferSyntax.ExplicitVRLittleEndian);

        act.Should().Throw<DicomFormatException>().WithMessage("*nested*");
    }

    [Fact]
    public void Corrupt_deflate_data_is_a_format_error()
    {
        var bytes = TestFiles.FileBytes(TestFiles.Image(), DicomTransferSyntax.DeflatedExplicitVRLittleEndian);
        var metaEnd = bytes.Length - 40;
        for (var i = metaEnd; i < bytes.Length; i++)
        {
            bytes[i] ^= 0x5A;
        }

        var act = () => DicomFile.Read(new MemoryStream(bytes));

        act.Should().Throw<DicomFormatException>();
    }

    [Fact]
    public void Mutated_and_truncated_files_raise_only_format_errors_and_never_hang()
    {
        var random = new Random(20261123);
        var samples = new[]
        {
            TestFiles.FileBytes(TestFiles.Image(8, 8), DicomTransferSyntax.ExplicitVRLittleEndian),
            TestFiles.FileBytes(TestFiles.Image(8, 8), DicomTransferSyntax.ImplicitVRLittleEndian),
            TestFiles.FileBytes(TestFiles.Image(8, 8), DicomTransferSyntax.DeflatedExplicitVRLittleEndian),
            TestFiles.FileBytes(TestFiles.Nested(), DicomTransferSyntax.ExplicitVRLittleEndian),
            TestFiles.FileBytes(TestFiles.Nested(), DicomTransferSyntax.ImplicitVRLittleEndian),
            TestFiles.FileBytes(TestFiles.Encapsulated(), DicomTransferSyntax.JPEGBaseline8Bit),
        };
        var watch = Stopwatch.StartNew();
        for (var round = 0; round < 3000; round++)
        {
            var sample = samples[round % samples.Length];
            var mutated = MutationFuzzer.Mutate(sample, random);
            try
            {
                var file = DicomFile.Read(new MemoryStream(mutated));
                _ = CloudFilm.Dicom.Json.DicomJsonWriter.Serialize(file.Dataset);
                if (file.Dataset.Contains(DicomTags.PixelData))
                {
                    var pixels = CloudFilm.Dicom.Pixels.DicomPixelData.Create(file.Dataset, file.TransferSyntax);
                    for (var f = 0; f < Math.Min(pixels.NumberOfFrames, 4); f++)
                    {
                        _ = pixels.GetFrameBytes(f);
                    }
                }
            }
            catch (DicomException)
            {
                // Format errors (and charset or value errors surfacing through getters) are the allowed outcome.
            }
        }
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "3000 small inputs must not hang the reader");
    }
}
