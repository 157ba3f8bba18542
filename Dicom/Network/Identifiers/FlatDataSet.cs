using System.Buffers.Binary;
using System.Text;
using CloudFilm.Dicom.Dictionary;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Identifiers;

/// <summary>
/// The top-level elements of a little-endian data set (PS3.5 7.1), read without a data dictionary: what C-FIND,
/// C-MOVE and C-GET identifiers need (query level, keys, UIDs). Sequences are kept as raw values. This is the
/// network layer's own minimal view; hosts wanting the full model parse <see cref="FlatElement.Value"/>s or the
/// whole identifier with the toolkit's data set reader.
/// </summary>
public sealed class FlatDataSet
{
    private readonly List<FlatElement> _elements;

    private FlatDataSet(List<FlatElement> elements) => _elements = elements;

    public IReadOnlyList<FlatElement> Elements => _elements;

    /// <summary>Query/Retrieve Level (0008,0052), e.g. "STUDY"; empty when absent.</summary>
    public string QueryRetrieveLevel => GetString(DicomTags.QueryRetrieveLevel) ?? "";

    public bool Contains(DicomTag tag) => Find(tag) is not null;

    public FlatElement? Find(DicomTag tag)
    {
        foreach (var element in _elements)
        {
            if (element.Tag == tag)
            {
                return element;
            }
        }

        return null;
    }

    /// <summary>
    /// The value as text with padding trimmed, or null when absent. Bytes are read as Latin-1, which keeps every
    /// byte; decoding other character sets (PS3.5 6.1) is the data set model's job.
    /// </summary>
    public string? GetString(DicomTag tag) =>
        Find(tag) is { } element ? Encoding.Latin1.GetString(element.Value.Span).TrimEnd(' ', '\0').TrimStart(' ') : null;

    /// <summary>Parses implicit or explicit VR little endian (PS3.5 7.1.2, 7.1.3); big endian and deflate are refused.</summary>
    public static FlatDataSet Parse(ReadOnlyMemory<byte> data, string transferSyntaxUid)
    {
        var explicitVr = transferSyntaxUid switch
        {
            DicomUids.ImplicitVRLittleEndian => false,
            DicomUids.ExplicitVRBigEndian or DicomUids.DeflatedExplicitVRLittleEndian =>
                throw new DicomFormatException($"identifier in transfer syntax {transferSyntaxUid} is not supported here", 0),
            _ => true,
        };
        var elements = new List<FlatElement>();
        var span = data.Span;
        var position = 0;
        while (position < span.Length)
        {
            var start = position;
            var (tag, vr, length) = ReadHeader(span, ref position, explicitVr);
            if (length == uint.MaxValue)
            {
                SkipUndefined(span, ref position, explicitVr && vr != "UN");
                elements.Add(new FlatElement(tag, vr, data[start..position]));
                continue;
            }

            if (length > (uint)(span.Length - position))
            {
                throw new DicomFormatException($"element length {length} runs past the end of the data set", start, tag);
            }

            elements.Add(new FlatElement(tag, vr, data.Slice(position, (int)length)));
            position += (int)length;
        }

        return new FlatDataSet(elements);
    }

    private static (DicomTag Tag, string? Vr, uint Length) ReadHeader(ReadOnlySpan<byte> span, ref int position, bool explicitVr)
    {
        if (span.Length - position < 8)
        {
            throw new DicomFormatException("truncated element header", position);
        }

        var tag = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(span[position..]), BinaryPrimitives.ReadUInt16LittleEndian(span[(position + 2)..]));
        if (!explicitVr || tag.Group == 0xFFFE)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(span[(position + 4)..]);
            position += 8;
            return (tag, null, length);
        }

        var vr = Encoding.ASCII.GetString(span.Slice(position + 4, 2));
        if (vr is "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "SQ" or "SV" or "UC" or "UN" or "UR" or "UT" or "UV")
        {
            if (span.Length - position < 12)
            {
                throw new DicomFormatException("truncated element header", position, tag);
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(span[(position + 8)..]);
            position += 12;
            return (tag, vr, length);
        }

        var shortLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(position + 6)..]);
        position += 8;
        return (tag, vr, shortLength);
    }

    /// <summary>Moves past an undefined-length sequence (items up to the sequence delimiter, PS3.5 7.5).</summary>
    private static void SkipUndefined(ReadOnlySpan<byte> span, ref int position, bool explicitVr)
    {
        while (true)
        {
            var at = position;
            var (tag, _, length) = ReadHeader(span, ref position, explicitVr: false);
            if (tag == DicomTags.SequenceDelimitationItem)
            {
                return;
            }

            if (tag != DicomTags.Item)
            {
                throw new DicomFormatException("expected an item in a sequence", at, tag);
            }

            if (length != uint.MaxValue)
            {
                if (length > (uint)(span.Length - position))
                {
                    throw new DicomFormatException($"item length {length} runs past the end of the data set", at, tag);
                }

                position += (int)length;
                continue;
            }

            // Undefined-length item: elements until the item delimiter.
            while (true)
            {
                var elementAt = position;
                var (inner, vr, innerLength) = ReadHeader(span, ref position, explicitVr);
                if (inner == DicomTags.ItemDelimitationItem)
                {
                    break;
                }

                if (innerLength == uint.MaxValue)
                {
                    SkipUndefined(span, ref position, explicitVr && vr != "UN");
                }
                else if (innerLength > (uint)(span.Length - position))
                {
                    throw new DicomFormatException($"element length {innerLength} runs past the end of the data set", elementAt, inner);
                }
                else
                {
                    position += (int)innerLength;
                }
            }
        }
    }
}
