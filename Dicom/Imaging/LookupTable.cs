namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// A lookup table of the imaging pipeline (Modality LUT, VOI LUT or one channel of a Palette Color LUT),
/// PS3.3 C.11.1 and C.11.2. Inputs below the first mapped value take the first entry and inputs past the end
/// take the last entry (PS3.3 C.11.1.1.1).
/// </summary>
public sealed class LookupTable
{
    private readonly ushort[] _entries;

    private LookupTable(int firstMappedValue, int bitsPerEntry, ushort[] entries)
    {
        FirstMappedValue = firstMappedValue;
        BitsPerEntry = bitsPerEntry;
        _entries = entries;
    }

    /// <summary>Input value of entry 0.</summary>
    public int FirstMappedValue { get; }

    /// <summary>Bits each entry actually uses (may be less than the descriptor declares, see <see cref="Create"/>).</summary>
    public int BitsPerEntry { get; }

    public int Count => _entries.Length;

    /// <summary>Largest value an entry can hold: 2^BitsPerEntry − 1.</summary>
    public int MaxOutput => (1 << BitsPerEntry) - 1;

    public ReadOnlySpan<ushort> Entries => _entries;

    /// <summary>The entry for <paramref name="input"/>, clamped to the first and last entries.</summary>
    public int Lookup(long input)
    {
        long index = input - FirstMappedValue;
        if (index <= 0)
        {
            return _entries[0];
        }

        return index >= _entries.Length ? _entries[^1] : _entries[index];
    }

    /// <summary>Builds a table from already decoded entries.</summary>
    public static LookupTable FromEntries(int firstMappedValue, int bitsPerEntry, ReadOnlySpan<ushort> entries)
    {
        if (entries.IsEmpty)
        {
            throw new DicomException("LUT has no entries");
        }

        if (bitsPerEntry is < 1 or > 16)
        {
            throw new DicomException($"LUT declares {bitsPerEntry} bits per entry; 1 to 16 are possible");
        }

        return new LookupTable(firstMappedValue, bitsPerEntry, entries.ToArray());
    }

    /// <summary>
    /// Builds a table from its descriptor and LUT Data (0028,3006 or 0028,120x) as little-endian bytes.
    /// Tolerates the two encodings met in files: one 16-bit word per entry (the standard's), and one byte per entry
    /// (8-bit entries packed, also found under a descriptor that declares 16 bits: the data length decides).
    /// Extra trailing bytes are ignored; too few bytes for the declared entries is an error.
    /// </summary>
    public static LookupTable Create(LutDescriptor descriptor, ReadOnlySpan<byte> data)
    {
        int count = descriptor.Entries;
        var entries = new ushort[count];
        int bits = descriptor.BitsPerEntry;
        if (data.Length >= 2 * count)
        {
            for (int i = 0; i < entries.Length; i++)
            {
                entries[i] = (ushort)(data[2 * i] | (data[2 * i + 1] << 8));
            }

            if (bits <= 8)
            {
                // 8-bit entries stored one per word keep their value in the low byte.
                MaskEntries(entries, bits);
            }
        }
        else if (data.Length >= count)
        {
            for (int i = 0; i < entries.Length; i++)
            {
                entries[i] = data[i];
            }

            bits = Math.Min(bits, 8);
        }
        else
        {
            throw new DicomException($"LUT data holds {data.Length} bytes; its descriptor needs {count} entries");
        }

        return new LookupTable(descriptor.FirstMappedValue, bits, entries);
    }

    private static void MaskEntries(ushort[] entries, int bits)
    {
        ushort mask = (ushort)((1 << bits) - 1);
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i] &= mask;
        }
    }
}
