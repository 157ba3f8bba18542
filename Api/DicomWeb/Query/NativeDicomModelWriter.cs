using System.Globalization;
using System.Text;
using System.Xml;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;

namespace CloudFilm.Api.DicomWeb.Query;

/// <summary>
/// A minimal PS3.19 Annex A Native DICOM Model writer for QIDO-RS results: text and number values, person names by
/// component group and component, sequences by item. It holds no bulk data (QIDO results have none). The toolkit's
/// own PS3.19 writer in <c>Dicom/Xml</c> replaces this file when it lands.
/// </summary>
public static class NativeDicomModelWriter
{
    public const string Namespace = "http://dicom.nema.org/PS3.19/models/NativeDICOM";

    private static readonly string[] GroupNames = ["Alphabetic", "Ideographic", "Phonetic"];
    private static readonly string[] ComponentNames = ["FamilyName", "GivenName", "MiddleName", "NamePrefix", "NameSuffix"];

    public static byte[] ToBytes(DicomDataset dataset)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("NativeDicomModel", Namespace);
            xml.WriteAttributeString("xml", "space", null, "preserve");
            WriteAttributes(xml, dataset);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static void WriteAttributes(XmlWriter xml, DicomDataset dataset)
    {
        foreach (var item in dataset)
        {
            if (item.Tag.Element == 0)
            {
                continue;
            }
            xml.WriteStartElement("DicomAttribute", Namespace);
            xml.WriteAttributeString("tag", item.Tag.Value.ToString("X8", CultureInfo.InvariantCulture));
            xml.WriteAttributeString("vr", item.VR.Code);
            if (DicomDictionary.Find(item.Tag) is { } entry && !item.Tag.IsPrivate)
            {
                xml.WriteAttributeString("keyword", entry.Keyword);
            }
            switch (item)
            {
                case DicomSequence sequence:
                    foreach (var (number, child) in sequence.Items.Select((c, i) => (i + 1, c)))
                    {
                        xml.WriteStartElement("Item", Namespace);
                        xml.WriteAttributeString("number", number.ToString(CultureInfo.InvariantCulture));
                        WriteAttributes(xml, child);
                        xml.WriteEndElement();
                    }
                    break;
                case DicomElement element when element.Length > 0:
                    WriteValues(xml, element, dataset.CharacterSet);
                    break;
            }
            xml.WriteEndElement();
        }
    }

    private static void WriteValues(XmlWriter xml, DicomElement element, Dicom.Text.DicomCharacterSet characterSet)
    {
        var values = element.GetStrings(characterSet);
        for (var i = 0; i < values.Length; i++)
        {
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (element.VR == DicomVR.PN)
            {
                xml.WriteStartElement("PersonName", Namespace);
                xml.WriteAttributeString("number", number);
                foreach (var (group, text) in values[i].Split('=').Select((g, n) => (GroupNames[Math.Min(n, 2)], g)))
                {
                    if (text.Length == 0)
                    {
                        continue;
                    }
                    xml.WriteStartElement(group, Namespace);
                    foreach (var (component, part) in text.Split('^').Take(5).Select((c, n) => (ComponentNames[n], c)))
                    {
                        if (part.Length > 0)
                        {
                            xml.WriteElementString(component, Namespace, part);
                        }
                    }
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            else
            {
                xml.WriteStartElement("Value", Namespace);
                xml.WriteAttributeString("number", number);
                xml.WriteString(values[i].Trim());
                xml.WriteEndElement();
            }
        }
    }
}
