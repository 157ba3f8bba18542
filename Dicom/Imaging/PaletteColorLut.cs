namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// Red, Green and Blue Palette Color Lookup Tables (0028,1101–1103 descriptors, 0028,1201–1203 data), PS3.3 C.7.6.3.1.5–6.
/// </summary>
public sealed record PaletteColorLut(LookupTable Red, LookupTable Green, LookupTable Blue)
{
    /// <summary>The 8-bit display value of each channel for a stored value, entries shifted right by <paramref name="shift"/> (from <see cref="ShiftTo8Bits"/>).</summary>
    public (byte R, byte G, byte B) Lookup8(long stored, int shift)
    {
        return ((byte)(Red.Lookup(stored) >> shift), (byte)(Green.Lookup(stored) >> shift), (byte)(Blue.Lookup(stored) >> shift));
    }

    /// <summary>
    /// How far entries are shifted right to become 8-bit: 16-bit entries are reduced by their high byte
    /// (PS3.3 C.7.6.3.1.6). Some writers declare 16 bits but fill entries 0–255 only; a 16-bit palette whose entries
    /// all fit in a byte (in all three channels) is taken as 8-bit instead of being shown almost black. (DCMTK's
    /// dcm2pnm shows such files black.)
    /// </summary>
    public int ShiftTo8Bits()
    {
        int bits = Math.Max(Red.BitsPerEntry, Math.Max(Green.BitsPerEntry, Blue.BitsPerEntry));
        if (bits <= 8 || (Fits8Bits(Red) && Fits8Bits(Green) && Fits8Bits(Blue)))
        {
            return 0;
        }

        return bits - 8;
    }

    private static bool Fits8Bits(LookupTable table)
    {
        foreach (ushort entry in table.Entries)
        {
            if (entry > 0xFF)
            {
                return false;
            }
        }

        return true;
    }
}
