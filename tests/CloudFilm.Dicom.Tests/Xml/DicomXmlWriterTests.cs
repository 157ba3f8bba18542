using System.Xml.Linq;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Tests.Json;
using CloudFilm.Dicom.Xml;

namespace CloudFilm.Dicom.Tests.Xml;

public class DicomXmlWriterTests
{
    private static XElement Attribute(XElement root, DicomTag tag) =>
        root.Elements("DicomAttribute").Single(a => (string?)a.Attribute("tag") == DicomJsonEveryVrTests.Key(tag));

    [Fact]
    public void Attributes_carry_tag_vr_keyword_and_numbered_values()
    {
        var root = NativeXml.Parse(DicomXmlWriter.Serialize(EveryVrDataset.Build()));

        root.Name.LocalName.Should().Be("NativeDicomModel");
        root.Attribute(XNamespace.Xml + "space")!.Value.Should().Be("preserve");
        var imageType = Attribute(root, DicomTags.ImageType);
        imageType.Attribute("vr")!.Value.Should().Be("CS");
        imageType.Attribute("keyword")!.Value.Should().Be("ImageType");
        imageType.Elements("Value").Select(v => ((string?)v.Attribute("number"), v.Value)).Should().Equal(("1", "ORIGINAL"), ("2", ""), ("3", "AXIAL"));
        Attribute(root, DicomTags.FrameIncrementPointer).Elements("Value").Select(v => v.Value).Should().Equal("00181063", "00100020");
        Attribute(root, DicomTags.SelectorUVValue).Elements("Value").First().Value.Should().Be("9223372036854775809");
        Attribute(root, DicomTags.ImageComments).Element("Value")!.Value.Should().Be("第一行\r\nline two", "a CR survives as &#xD;");
    }

    [Fact]
    public void Person_names_have_groups_of_named_components()
    {
        var root = NativeXml.Parse(DicomXmlWriter.Serialize(EveryVrDataset.Build("GB18030")));

        var names = Attribute(root, DicomTags.PerformingPhysicianName).Elements("PersonName").ToList();
        names.Should().HaveCount(2);
        names[0].Element("Ideographic")!.Element("FamilyName")!.Value.Should().Be("张");
        names[0].Element("Ideographic")!.Element("GivenName")!.Value.Should().Be("三");
        names[0].Element("Phonetic")!.Element("FamilyName")!.Value.Should().Be("zhang");
        names[1].Elements().Select(e => e.Name.LocalName).Should().Equal("Alphabetic");
    }

    [Fact]
    public void Private_elements_name_their_creator_and_sequences_have_numbered_items()
    {
        var root = NativeXml.Parse(DicomXmlWriter.Serialize(EveryVrDataset.Build()));

        var unknown = root.Elements("DicomAttribute").Single(a => (string?)a.Attribute("privateCreator") == "CLOUDFILM TEST");
        unknown.Attribute("tag")!.Value.Should().Be("00090001", "the block number gives way to the creator (PS3.18 F.3)");
        unknown.Attribute("keyword").Should().BeNull();
        unknown.Element("InlineBinary")!.Value.Should().Be(Convert.ToBase64String([9, 8, 7, 6]));
        var items = Attribute(root, DicomTags.ReferencedImageSequence).Elements("Item").ToList();
        items.Select(i => (string?)i.Attribute("number")).Should().Equal("1", "2");
        items[1].Elements().Should().BeEmpty();
    }

    [Fact]
    public void Bulk_data_and_include_tags_work_as_in_json()
    {
        var ds = EveryVrDataset.Build();

        var root = NativeXml.Parse(DicomXmlWriter.Serialize(ds, new DicomXmlWriterOptions
        {
            BulkDataUri = DicomBulkData.UriUnder("/bulk/"),
            IncludeTags = new HashSet<DicomTag> { DicomTags.EncapsulatedDocument, DicomTags.PatientAge },
        }));

        root.Elements("DicomAttribute").Select(a => (string?)a.Attribute("tag")).Should().Equal("00101010", "00420011");
        Attribute(root, DicomTags.EncapsulatedDocument).Element("BulkData")!.Attribute("uri")!.Value.Should().Be("/bulk/00420011");
    }
}

/// <summary>Reads a Native DICOM Model document, checks it is in the standard's namespace, and drops the namespace so tests name elements plainly.</summary>
internal static class NativeXml
{
    public static XElement Parse(string xml)
    {
        var root = XElement.Parse(xml);
        root.Name.Namespace.NamespaceName.Should().Be(DicomXmlWriter.Namespace);
        foreach (var element in root.DescendantsAndSelf())
        {
            element.Name = element.Name.LocalName;
        }
        root.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
        return root;
    }
}
