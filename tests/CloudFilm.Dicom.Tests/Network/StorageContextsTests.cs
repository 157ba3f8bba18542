using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Pdus;
using CloudFilm.Dicom.Network.Services;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Network;

public class StorageContextsTests
{
    private const string Ct = DicomUids.CTImageStorage;
    private const string Mr = DicomUids.MRImageStorage;
    private const string JpegLs = DicomUids.JPEGLSLossless;
    private const string Jpeg2000 = DicomUids.JPEG2000Lossless;
    private const string Explicit = DicomUids.ExplicitVRLittleEndian;
    private const string Implicit = DicomUids.ImplicitVRLittleEndian;

    private static NegotiatedContext Accepted(byte id, string sopClass, string syntax) => new(id, sopClass, syntax, PresentationContextOutcome.Acceptance);

    private static NegotiatedContext Refused(byte id, string sopClass) => new(id, sopClass, "", PresentationContextOutcome.TransferSyntaxesNotSupported);

    private static IEnumerable<(string AbstractSyntax, string TransferSyntaxes)> Shape(IEnumerable<PresentationContextRequest> contexts) =>
        contexts.Select(c => (c.AbstractSyntax, string.Join(",", c.TransferSyntaxes)));

    private const string Fallback = $"{Explicit},{Implicit}";

    [Fact]
    public void A_compressed_class_gets_its_stored_syntax_and_an_uncompressed_fallback_in_separate_contexts()
    {
        var contexts = StorageContexts.Propose([(Ct, JpegLs), (Ct, JpegLs), (Ct, Explicit)]);

        Shape(contexts).Should().Equal((Ct, JpegLs), (Ct, Fallback));
    }

    [Fact]
    public void An_uncompressed_class_gets_only_the_fallback()
    {
        var contexts = StorageContexts.Propose([(Mr, Implicit), (Mr, Explicit)]);

        Shape(contexts).Should().Equal((Mr, Fallback));
    }

    [Fact]
    public void Each_stored_syntax_of_a_class_gets_its_own_context()
    {
        var contexts = StorageContexts.Propose([(Ct, JpegLs), (Mr, Explicit), (Ct, Jpeg2000)]);

        Shape(contexts).Should().Equal((Ct, JpegLs), (Ct, Jpeg2000), (Ct, Fallback), (Mr, Fallback));
    }

    [Fact]
    public void Beyond_128_contexts_every_class_keeps_its_fallback_and_the_most_used_stored_syntaxes_get_the_rest()
    {
        // 100 classes, each stored in JPEG-LS; classes 90–99 have three instances, the others one.
        var instances = new List<(string, string)>();
        for (var i = 0; i < 100; i++)
        {
            for (var n = 0; n < (i >= 90 ? 3 : 1); n++)
            {
                instances.Add(($"1.2.3.{i}", JpegLs));
            }
        }

        var contexts = StorageContexts.Propose(instances);

        contexts.Should().HaveCount(StorageContexts.MaxContexts);
        contexts.Where(c => c.TransferSyntaxes.Count == 2).Select(c => c.AbstractSyntax).Should().HaveCount(100).And.OnlyHaveUniqueItems();
        var withStored = contexts.Where(c => c.TransferSyntaxes.SequenceEqual([JpegLs])).Select(c => c.AbstractSyntax).ToList();
        withStored.Should().HaveCount(28);
        withStored.Should().Contain(Enumerable.Range(90, 10).Select(i => $"1.2.3.{i}"), "the syntaxes with the most instances come first");
        withStored.Should().Contain(Enumerable.Range(0, 18).Select(i => $"1.2.3.{i}"), "ties keep the order instances came in");
    }

    [Fact]
    public void More_than_128_classes_propose_the_first_128_fallbacks_only()
    {
        var contexts = StorageContexts.Propose(Enumerable.Range(0, 200).Select(i => ($"1.2.3.{i}", JpegLs)));

        contexts.Should().HaveCount(StorageContexts.MaxContexts);
        contexts.Should().OnlyContain(c => c.TransferSyntaxes.Count == 2);
        contexts.Select(c => c.AbstractSyntax).Should().Equal(Enumerable.Range(0, 128).Select(i => $"1.2.3.{i}"));
    }

    [Fact]
    public void The_stored_syntax_wins_when_accepted()
    {
        var chosen = StorageContexts.Choose([Accepted(1, Ct, Explicit), Accepted(3, Ct, JpegLs), Accepted(5, Ct, Implicit)], Ct, JpegLs);

        chosen!.Id.Should().Be(3);
    }

    [Fact]
    public void Without_the_stored_syntax_explicit_then_implicit_little_endian_is_chosen()
    {
        StorageContexts.Choose([Refused(1, Ct), Accepted(3, Ct, Implicit), Accepted(5, Ct, Explicit)], Ct, JpegLs)!.Id.Should().Be(5);
        StorageContexts.Choose([Refused(1, Ct), Accepted(3, Ct, Implicit)], Ct, JpegLs)!.Id.Should().Be(3);
    }

    [Fact]
    public void Other_classes_other_compressed_syntaxes_and_refused_contexts_are_never_chosen()
    {
        StorageContexts.Choose([Accepted(1, Mr, JpegLs), Accepted(3, Mr, Explicit), Accepted(5, Ct, Jpeg2000), Refused(7, Ct)], Ct, JpegLs)
            .Should().BeNull();
        StorageContexts.Choose([], Ct, Explicit).Should().BeNull();
    }

    [Fact]
    public void An_uncompressed_instance_goes_in_its_own_syntax_when_accepted()
    {
        StorageContexts.Choose([Accepted(1, Ct, Explicit), Accepted(3, Ct, Implicit)], Ct, Implicit)!.Id.Should().Be(3);
    }
}
