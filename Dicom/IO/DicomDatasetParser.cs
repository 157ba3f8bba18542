using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Dictionary;

namespace CloudFilm.Dicom.IO;

/// <summary>
/// Parses the data set encoding of PS3.5 §7 (elements, sequences, items, encapsulated pixel data) in implicit or
/// explicit VR, little or big endian. Tolerant of what is common in the field: odd lengths, explicit VR files
/// with implicit elements, UN sequences (§6.2.2), elements after pixel data. Raw bytes are kept.
/// </summary>
internal sealed class DicomDatasetParser(DicomStreamReader reader, DicomReadOptions options)
{
    internal const uint UndefinedLength = 0xFFFFFFFF;

    private bool _explicit;
    private bool _bigEndian;
    private int _depth;

    /// <summary>Set when reading stopped at Pixel Data because of <see cref="DicomReadOptions.StopBeforePixelData"/>.</summary>
    public bool StoppedAtPixelData { get; private set; }

    /// <summary>Reads elements to the end of the stream, or while <paramref name="continueWhile"/> accepts the next group.</summary>
    public void ReadDataset(DicomDataset dataset, bool explicitVR, bool bigEndian, Func<ushort, bool>? continueWhile = null)
    {
        _explicit = explicitVR;
        _bigEndian = bigEndian;
        ReadElements(dataset, -1, false, continueWhile);
    }

    private void ReadElements(DicomDataset dataset, long end, bool isItem, Func<ushort, bool>? continueWhile)
    {
        while (true)
        {
            if (end >= 0 && reader.Position >= end)
            {
                if (reader.Position > end)
                {
                    throw new DicomFormatException("element runs past the end of its item", reader.Position);
                }
                return;
            }
            var start = reader.Position;
            if (!reader.Ensure(4))
            {
                if (!reader.AtEnd)
                {
                    throw new DicomFormatException("unexpected end of data in an element tag", start);
                }
                if (end < 0 && !isItem)
                {
                    return;
                }
                throw new DicomFormatException(isItem ? "unexpected end of data in a sequence item" : "unexpected end of data", start);
            }
            if (continueWhile is not null)
            {
                var peek = reader.Peek(2);
                var group = _bigEndian ? (ushort)((peek[0] << 8) | peek[1]) : (ushort)(peek[0] | (peek[1] << 8));
                if (!continueWhile(group))
                {
                    return;
                }
            }
            var tag = ReadTag();
            if (tag == DicomTags.ItemDelimitationItem)
            {
                reader.ReadUInt32(_bigEndian, tag);
                if (isItem && end < 0)
                {
                    return;
                }
                continue; // a stray delimiter carries nothing: drop it
            }
            if (tag == DicomTags.SequenceDelimitationItem)
            {
                reader.ReadUInt32(_bigEndian, tag);
                if (isItem)
                {
                    throw new DicomFormatException("sequence delimiter inside an item", start, tag);
                }
                continue;
            }
            if (tag == DicomTags.Item)
            {
                throw new DicomFormatException("item outside a sequence", start, tag);
            }
            if (tag.Group == 0xFFFE)
            {
                throw new DicomFormatException("invalid delimiter tag", start, tag);
            }
            var (vr, length) = ReadVRAndLength(tag, dataset);
            if (tag == DicomTags.PixelData && _depth == 0 && options.StopBeforePixelData)
            {
                StoppedAtPixelData = true;
                return;
            }
            dataset.AddOrUpdate(ReadValue(tag, vr, length, dataset, start));
            if (StoppedAtPixelData)
            {
                return;
            }
        }
    }

    private DicomTag ReadTag()
    {
        var group = reader.ReadUInt16(_bigEndian, null);
        var element = reader.ReadUInt16(_bigEndian, null);
        return new DicomTag(group, element);
    }

    private (DicomVR Vr, uint Length) ReadVRAndLength(DicomTag tag, DicomDataset dataset)
    {
        if (_explicit)
        {
            if (!reader.Ensure(4))
            {
                throw new DicomFormatException("unexpected end of data in an element header", reader.Position, tag);
            }
            var code = reader.Peek(2);
            if (DicomVR.TryParse(code, out var vr))
            {
                reader.Advance(2);
                if (vr.HasLongLength)
                {
                    reader.Advance(2);
                    return (vr, reader.ReadUInt32(_bigEndian, tag));
                }
                return (vr, reader.ReadUInt16(_bigEndian, tag));
            }
            if (code[0] is >= (byte)'A' and <= (byte)'Z' && code[1] is >= (byte)'A' and <= (byte)'Z')
            {
                // Letters naming no VR: an unknown future VR. Its length form is unknowable; assume the 2-byte one.
                reader.Advance(2);
                return (DicomVR.UN, reader.ReadUInt16(_bigEndian, tag));
            }
            // Not letters: an implicit VR element inside an explicit VR data set (seen in the field); read it as such.
        }
        var length = reader.ReadUInt32(_bigEndian, tag);
        return (ImplicitVR(tag, dataset, length), length);
    }

    /// <summary>The VR an implicit VR element has: dictionary, refined by context (PS3.5 §A.1), UN when unknown.</summary>
    internal static DicomVR ImplicitVR(DicomTag tag, DicomDataset dataset, uint length)
    {
        if (tag.Element == 0)
        {
            return DicomVR.UL;
        }
        if (tag.IsPrivate)
        {
            if (tag.IsPrivateCreator)
            {
                return DicomVR.LO;
            }
            var creator = dataset.GetPrivateCreator(tag);
            var entry = creator is null ? null : DicomDictionary.FindPrivate(creator, tag.Group, (byte)tag.Element);
            return entry?.VR ?? (length == UndefinedLength ? DicomVR.SQ : DicomVR.UN);
        }
        var e = DicomDictionary.Find(tag);
        if (e is null || e.VR is null)
        {
            return length == UndefinedLength ? DicomVR.SQ : DicomVR.UN;
        }
        if (e.ValueRepresentations.Count > 1)
        {
            var first = e.ValueRepresentations[0];
            if (first == DicomVR.US)
            {
                return e.ValueRepresentations[1] == DicomVR.OW ? DicomVR.OW
                    : PixelRepresentation(dataset) == 1 ? DicomVR.SS : DicomVR.US;
            }
            if (first == DicomVR.OB)
            {
                return DicomVR.OW;
            }
        }
        return e.VR;
    }

    private DicomItem ReadValue(DicomTag tag, DicomVR vr, uint length, DicomDataset dataset, long start)
    {
        if (vr == DicomVR.SQ)
        {
            return ReadSequence(dataset, tag, length, _explicit, _bigEndian);
        }
        if (length == UndefinedLength)
        {
            if (tag == DicomTags.PixelData || vr == DicomVR.OB || vr == DicomVR.OW)
            {
                return ReadFragments(tag, vr);
            }
            // UN of undefined length is a sequence in implicit VR little endian whatever the syntax (PS3.5 §6.2.2):
            // it becomes the SQ it is, keeping its tag.
            return ReadSequence(dataset, tag, length, false, false);
        }
        if (vr == DicomVR.UN && !_bigEndian && tag.IsPrivateCreator)
        {
            vr = DicomVR.LO; // a private creator is LO in every encoding (PS3.5 §7.8.1)
        }
        else if (vr == DicomVR.UN && !_bigEndian && KnownVR(tag, dataset) is { } known)
        {
            // A known tag sent as UN is implicit VR LE inside (PS3.5 §6.2.2): re-read with its real VR.
            if (known == DicomVR.SQ)
            {
                return ReadSequence(dataset, tag, length, false, false);
            }
            vr = ImplicitVR(tag, dataset, length);
        }
        DicomBuffer buffer;
        if (reader.FilePath is { } path && !_bigEndian && options.DeferValuesFromBytes > 0 && length >= options.DeferValuesFromBytes
            && reader.Remaining is { } remaining && length <= remaining)
        {
            buffer = new FileRangeDicomBuffer(path, reader.Position, length);
            reader.Skip(length, tag);
        }
        else
        {
            var bytes = reader.ReadBytes(length, tag);
            if (_bigEndian)
            {
                ByteSwapping.ToLittleEndian(bytes, vr);
                var bits = tag == DicomTags.PixelData && vr == DicomVR.OW ? dataset.GetValueOrDefault(DicomTags.BitsAllocated, 16) : 16;
                if (bits is 32 or 64)
                {
                    // 32- and 64-bit samples in OW were written as whole big-endian samples, not as words (PS3.5 §7.3).
                    ByteSwapping.ReverseWords(bytes, bits / 16);
                }
            }
            buffer = DicomBuffer.From(bytes);
        }
        _ = start;
        return new DicomElement(tag, vr, buffer);
    }

    /// <summary>The dictionary VR of a standard tag, or of a private one whose creator is registered; null when unknown.</summary>
    private static DicomVR? KnownVR(DicomTag tag, DicomDataset dataset)
    {
        if (!tag.IsPrivate)
        {
            return DicomDictionary.Find(tag)?.VR;
        }
        return dataset.GetPrivateCreator(tag) is { } creator ? DicomDictionary.FindPrivate(creator, tag.Group, (byte)tag.Element)?.VR : null;
    }

    /// <summary>Pixel Representation in force: an item's own, else the enclosing data set's (LUT descriptors sit in items).</summary>
    private static int PixelRepresentation(DicomDataset dataset)
    {
        var tag = DicomTags.PixelRepresentation;
        for (var d = dataset; d is not null; d = d.Parent)
        {
            if (d.TryGetValue<int>(tag, out var value))
            {
                return value;
            }
        }
        return 0;
    }

    private DicomSequence ReadSequence(DicomDataset dataset, DicomTag tag, uint length, bool explicitVR, bool bigEndian)
    {
        if (++_depth > options.MaxDepth)
        {
            throw new DicomFormatException("sequences nested too deeply", reader.Position, tag);
        }
        var (savedExplicit, savedBigEndian) = (_explicit, _bigEndian);
        (_explicit, _bigEndian) = (explicitVR, bigEndian);
        var sequence = new DicomSequence(tag) { HasUndefinedLength = length == UndefinedLength };
        // Attached before its items are read, so they see the enclosing data set (Pixel Representation, creators).
        dataset.AddOrUpdate(sequence);
        var end = length == UndefinedLength ? -1 : reader.Position + length;
        while (end < 0 || reader.Position < end)
        {
            var itemStart = reader.Position;
            if (!reader.Ensure(8))
            {
                throw new DicomFormatException("unexpected end of data in a sequence", itemStart, tag);
            }
            var itemTag = ReadTag();
            var itemLength = reader.ReadUInt32(_bigEndian, tag);
            if (itemTag == DicomTags.SequenceDelimitationItem)
            {
                if (end >= 0)
                {
                    continue; // a delimiter inside a defined-length sequence is redundant: ignore it
                }
                break;
            }
            if (itemTag != DicomTags.Item)
            {
                throw new DicomFormatException($"expected an item in sequence {tag}, found {itemTag}", itemStart, tag);
            }
            var item = new DicomDataset { HasUndefinedLength = itemLength == UndefinedLength };
            sequence.Items.Add(item);
            if (itemLength != UndefinedLength && end >= 0 && reader.Position + itemLength > end)
            {
                throw new DicomFormatException("item runs past the end of its sequence", itemStart, tag);
            }
            ReadElements(item, itemLength == UndefinedLength ? -1 : reader.Position + itemLength, true, null);
        }
        if (end >= 0 && reader.Position > end)
        {
            throw new DicomFormatException("sequence content runs past its length", reader.Position, tag);
        }
        (_explicit, _bigEndian) = (savedExplicit, savedBigEndian);
        _depth--;
        return sequence;
    }

    private DicomFragmentSequence ReadFragments(DicomTag tag, DicomVR vr)
    {
        DicomBuffer? offsetTable = null;
        var fragments = new List<DicomBuffer>();
        while (true)
        {
            var itemStart = reader.Position;
            var itemTag = ReadTag();
            var itemLength = reader.ReadUInt32(_bigEndian, tag);
            if (itemTag == DicomTags.SequenceDelimitationItem)
            {
                break;
            }
            if (itemTag != DicomTags.Item || itemLength == UndefinedLength)
            {
                throw new DicomFormatException($"expected a fragment item in encapsulated {tag}, found {itemTag}", itemStart, tag);
            }
            DicomBuffer bytes;
            if (offsetTable is not null && reader.FilePath is { } path && options.DeferValuesFromBytes > 0
                && itemLength >= options.DeferValuesFromBytes && reader.Remaining is { } remaining && itemLength <= remaining)
            {
                bytes = new FileRangeDicomBuffer(path, reader.Position, itemLength);
                reader.Skip(itemLength, tag);
            }
            else
            {
                bytes = DicomBuffer.From(reader.ReadBytes(itemLength, tag));
            }
            if (offsetTable is null)
            {
                offsetTable = bytes;
            }
            else
            {
                fragments.Add(bytes);
            }
        }
        return new DicomFragmentSequence(tag, vr, offsetTable ?? DicomBuffer.Empty, fragments);
    }
}
