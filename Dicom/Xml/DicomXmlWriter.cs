using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Xml;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Text;

namespace CloudFilm.Dicom.Xml;

/// <summary>
/// Writes the Native DICOM Model (PS3.19 Annex A.1), media type application/dicom+xml (PS3.18 8.7.3.3): a
/// NativeDicomModel of DicomAttribute elements with tag, vr, keyword (standard attributes) or privateCreator
/// (private ones, whose tag carries 00 in place of the block number, as dcmtk writes it: PS3.18 F.3); Value elements
/// numbered from 1; PersonName with Alphabetic/Ideographic/Phonetic groups of FamilyName, GivenName, MiddleName,
/// NamePrefix and NameSuffix (non-empty ones only); Item elements for sequences; BulkData uri or InlineBinary for binary values. Text is
/// decoded with the data set's Specific Character Set and written as UTF-8; (0008,0005) keeps its source value.
/// Group lengths are left out. Empty attributes are a DicomAttribute without content. Every element is in the
/// namespace of the standard's schema (PS3.19 A.1.6, <see cref="Namespace"/>; dcmtk 3.6.7 writes none). Retired
/// attributes keep their keyword (dcmtk 3.6.7 leaves it out).
/// </summary>
public static class DicomXmlWriter
{
    /// <summary>The default namespace of the Native DICOM Model schema (PS3.19 A.1.6).</summary>
    public const string Namespace = "http://dicom.nema.org/PS3.19/models/NativeDICOM";

    /// <summary>The Native DICOM Model document of a data set as a string.</summary>
    public static string Serialize(DicomDataset dataset, DicomXmlWriterOptions? options = null) =>
        Encoding.UTF8.GetString(ToUtf8(dataset, options));

    /// <summary>The Native DICOM Model document of a data set, UTF-8 encoded (a multipart/related part's body).</summary>
    public static byte[] ToUtf8(DicomDataset dataset, DicomXmlWriterOptions? options = null)
    {
        using var memory = new MemoryStream();
        Write(memory, dataset, options);
        return memory.ToArray();
    }

    /// <summary>Writes the Native DICOM Model document of a data set as UTF-8 to a stream.</summary>
    public static void Write(Stream stream, DicomDataset dataset, DicomXmlWriterOptions? options = null)
    {
        options ??= DicomXmlWriterOptions.Default;
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = options.Indented,
            NewLineHandling = NewLineHandling.Entitize, // a CR in a value survives the round trip
            CloseOutput = false,
        };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("NativeDicomModel", Namespace);
        xml.WriteAttributeString("xml", "space", null, "preserve");
        new Writer(xml, options).WriteDataset(dataset, topLevel: true);
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>Writes to a stream without blocking a thread on it (a response body): encoded in memory, then copied.</summary>
    public static async Task WriteAsync(Stream stream, DicomDataset dataset, DicomXmlWriterOptions? options = null, CancellationToken cancellationToken = default) =>
        await stream.WriteAsync(ToUtf8(dataset, options), cancellationToken).ConfigureAwait(false);

    private sealed class Writer(XmlWriter xml, DicomXmlWriterOptions options)
    {
        private static readonly string[] GroupNames = ["Alphabetic", "Ideographic", "Phonetic"];
        private static readonly string[] ComponentNames = ["FamilyName", "GivenName", "MiddleName", "NamePrefix", "NameSuffix"];

        private readonly IncludeFilter? _include = IncludeFilter.For(options.IncludeTags);
        private readonly List<(DicomTag Sequence, int Item)> _enclosing = [];

        public void WriteDataset(DicomDataset dataset, bool topLevel)
        {
            var characterSet = dataset.CharacterSet;
            foreach (var item in dataset)
            {
                if (item.Tag.Element == 0 || topLevel && _include is { } include && !include.Includes(item.Tag))
                {
                    continue;
                }
                WriteAttribute(dataset, item, characterSet);
            }
        }

        private void WriteAttribute(DicomDataset dataset, DicomItem item, DicomCharacterSet characterSet)
        {
            xml.WriteStartElement("DicomAttribute");
            var tag = item.Tag;
            var creator = dataset.GetPrivateCreator(tag);
            if (creator is not null)
            {
                tag = new DicomTag(tag.Group, (ushort)(tag.Element & 0xFF));
            }
            xml.WriteAttributeString("tag", tag.Value.ToString("X8", CultureInfo.InvariantCulture));
            xml.WriteAttributeString("vr", item.VR.Code);
            if (creator is not null)
            {
                xml.WriteAttributeString("privateCreator", creator);
            }
            else if (!item.Tag.IsPrivate && DicomDictionary.Find(item.Tag)?.Keyword is { Length: > 0 } keyword)
            {
                xml.WriteAttributeString("keyword", keyword);
            }
            switch (item)
            {
                case DicomSequence sequence:
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        xml.WriteStartElement("Item");
                        WriteNumber(i);
                        _enclosing.Add((sequence.Tag, i));
                        WriteDataset(sequence.Items[i], topLevel: false);
                        _enclosing.RemoveAt(_enclosing.Count - 1);
                        xml.WriteEndElement();
                    }
                    break;
                case DicomFragmentSequence fragments:
                    if (!TryWriteBulkData(item))
                    {
                        xml.WriteElementString("InlineBinary", Convert.ToBase64String(Json.DicomJsonWriter.EncapsulatedBytes(fragments)));
                    }
                    break;
                case DicomElement element when element.Length > 0 && !TryWriteBulkData(item):
                    WriteValue(element, characterSet);
                    break;
            }
            xml.WriteEndElement();
        }

        private bool TryWriteBulkData(DicomItem item)
        {
            if (options.BulkDataUri is not { } provider || !DicomBulkData.MayBeBulkData(item)
                || provider(item, new DicomAttributePath(_enclosing, item.Tag)) is not { } uri)
            {
                return false;
            }
            xml.WriteStartElement("BulkData");
            xml.WriteAttributeString("uri", uri);
            xml.WriteEndElement();
            return true;
        }

        private void WriteValue(DicomElement element, DicomCharacterSet characterSet)
        {
            var vr = element.VR;
            if (vr.Kind == DicomVRKind.Bulk)
            {
                var bytes = element.Buffer.Memory.Span;
                xml.WriteElementString("InlineBinary", Convert.ToBase64String((bytes.Length & 1) == 0 ? bytes : DicomValueEncoder.PadToEven(bytes.ToArray(), 0)));
                return;
            }
            if (vr == DicomVR.PN)
            {
                var names = Array.ConvertAll(element.GetStrings(characterSet), DicomPersonName.Parse);
                if (Array.TrueForAll(names, n => n.IsEmpty))
                {
                    return; // "^^^^" is no name (PS3.5 6.2.1.1): an attribute without value, as in JSON
                }
                for (var i = 0; i < names.Length; i++)
                {
                    WritePersonName(i, names[i]);
                }
                return;
            }
            var values = vr.Kind == DicomVRKind.Binary ? BinaryValues(vr, element.Buffer.Memory.Span) : element.GetStrings(characterSet);
            for (var i = 0; i < values.Length; i++)
            {
                xml.WriteStartElement("Value");
                WriteNumber(i);
                if (values[i].Length > 0)
                {
                    xml.WriteString(XmlSafe(values[i]));
                }
                xml.WriteEndElement();
            }
        }

        private void WritePersonName(int index, DicomPersonName name)
        {
            xml.WriteStartElement("PersonName");
            WriteNumber(index);
            string[] groups = [name.Alphabetic, name.Ideographic, name.Phonetic];
            for (var g = 0; g < groups.Length; g++)
            {
                var components = groups[g].TrimEnd('^').Split('^');
                if (components is [""])
                {
                    continue;
                }
                xml.WriteStartElement(GroupNames[g]);
                for (var c = 0; c < components.Length && c < ComponentNames.Length; c++)
                {
                    if (components[c].Length > 0)
                    {
                        xml.WriteElementString(ComponentNames[c], XmlSafe(components[c]));
                    }
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }

        private void WriteNumber(int index) => xml.WriteAttributeString("number", (index + 1).ToString(CultureInfo.InvariantCulture));

        private static string[] BinaryValues(DicomVR vr, ReadOnlySpan<byte> span)
        {
            var unit = vr == DicomVR.AT ? 4 : vr.UnitSize;
            var values = new string[span.Length / unit];
            for (var i = 0; i < values.Length; i++)
            {
                var s = span.Slice(i * unit, unit);
                values[i] = vr.Code switch
                {
                    "US" => BinaryPrimitives.ReadUInt16LittleEndian(s).ToString(CultureInfo.InvariantCulture),
                    "SS" => BinaryPrimitives.ReadInt16LittleEndian(s).ToString(CultureInfo.InvariantCulture),
                    "UL" => BinaryPrimitives.ReadUInt32LittleEndian(s).ToString(CultureInfo.InvariantCulture),
                    "SL" => BinaryPrimitives.ReadInt32LittleEndian(s).ToString(CultureInfo.InvariantCulture),
                    "SV" => BinaryPrimitives.ReadInt64LittleEndian(s).ToString(CultureInfo.InvariantCulture),
                    "UV" => BinaryPrimitives.ReadUInt64LittleEndian(s).ToString(CultureInfo.InvariantCulture),
                    "FL" => BinaryPrimitives.ReadSingleLittleEndian(s).ToString("R", CultureInfo.InvariantCulture),
                    "FD" => BinaryPrimitives.ReadDoubleLittleEndian(s).ToString("R", CultureInfo.InvariantCulture),
                    _ => $"{BinaryPrimitives.ReadUInt16LittleEndian(s):X4}{BinaryPrimitives.ReadUInt16LittleEndian(s[2..]):X4}", // AT
                };
            }
            return values;
        }

        /// <summary>XML 1.0 cannot carry control characters other than tab, CR and LF: they become U+FFFD.</summary>
        private static string XmlSafe(string text)
        {
            foreach (var c in text)
            {
                if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
                {
                    return string.Create(text.Length, text, (span, source) =>
                    {
                        for (var i = 0; i < source.Length; i++)
                        {
                            span[i] = XmlConvert.IsXmlChar(source[i]) || char.IsSurrogate(source[i]) ? source[i] : '\uFFFD';
                        }
                    });
                }
            }
            return text;
        }
    }
}
