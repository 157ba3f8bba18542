namespace CloudFilm.Dicom.Codecs.Jpeg;

/// <summary>
/// A Huffman decoding table built from a DHT segment's BITS and HUFFVAL lists (T.81 Annex C, F.2.2.3), with a
/// 9-bit lookup for the common short codes and the MAXCODE/VALPTR procedure for the rest.
/// </summary>
internal sealed class HuffmanTable
{
    public const int LookupBits = 9;

    private readonly byte[] _values;
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valueOffset = new int[17];

    /// <summary>Per 9-bit prefix: code length (0 = longer than 9 bits) in the high byte, symbol in the low byte.</summary>
    private readonly ushort[] _lookup = new ushort[1 << LookupBits];

    public HuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values, long offset)
    {
        _values = values.ToArray();
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++)
        {
            int count = counts[length - 1];
            _valueOffset[length] = k - code;
            if (count == 0)
            {
                _maxCode[length] = -1;
            }
            else
            {
                for (int i = 0; i < count; i++, k++, code++)
                {
                    if (code >= (1 << length))
                    {
                        throw new DicomFormatException("JPEG Huffman table has more codes than fit their lengths", offset);
                    }

                    if (length <= LookupBits)
                    {
                        int shift = LookupBits - length;
                        int first = code << shift;
                        for (int j = 0; j < (1 << shift); j++)
                        {
                            _lookup[first + j] = (ushort)((length << 8) | values[k]);
                        }
                    }
                }

                _maxCode[length] = code - 1;
            }

            code <<= 1;
        }

        _maxCode[17] = int.MaxValue;
    }

    /// <summary>Decodes one symbol (F.2.2.3); a code matching no table entry is corrupt data.</summary>
    public int Decode(JpegBitReader reader)
    {
        int peek = reader.Peek(LookupBits);
        int entry = _lookup[peek];
        if (entry != 0)
        {
            reader.Skip(entry >> 8);
            return entry & 0xFF;
        }

        int code = reader.Peek(16);
        for (int length = LookupBits + 1; length <= 16; length++)
        {
            int prefix = code >> (16 - length);
            if (prefix <= _maxCode[length])
            {
                reader.Skip(length);
                return _values[prefix + _valueOffset[length]];
            }
        }

        throw reader.Corrupt("Huffman code not in table");
    }
}
