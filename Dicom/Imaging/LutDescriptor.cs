namespace CloudFilm.Dicom.Imaging;

/// <summary>
/// The three values of a LUT Descriptor (Modality, VOI, Palette Color), PS3.3 C.11.1.1.1 and C.7.6.3.1.5.
/// </summary>
/// <param name="Entries">Number of table entries, 1..65536.</param>
/// <param name="FirstMappedValue">Stored (or modality) value that maps to the first entry.</param>
/// <param name="BitsPerEntry">Declared bits of each entry (8 to 16).</param>
public readonly record struct LutDescriptor(int Entries, int FirstMappedValue, int BitsPerEntry)
{
    /// <summary>
    /// Interprets the descriptor as encoded: an entry count of 0 means 65536 (the count is only 16 bits wide);
    /// the first mapped value is read as signed when the pixel data it applies to is signed (Pixel Representation 1),
    /// whatever VR (US or SS) it arrived with.
    /// </summary>
    public static LutDescriptor FromEncoded(ushort entries, ushort firstMapped, ushort bitsPerEntry, bool firstMappedIsSigned)
    {
        int count = entries == 0 ? 65536 : entries;
        int first = firstMappedIsSigned ? (short)firstMapped : firstMapped;
        if (bitsPerEntry is < 1 or > 16)
        {
            throw new DicomException($"LUT descriptor declares {bitsPerEntry} bits per entry; 1 to 16 are possible");
        }

        return new LutDescriptor(count, first, bitsPerEntry);
    }
}
