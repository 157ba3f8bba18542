namespace CloudFilm.Tools.CfDicom.Png;

/// <summary>CRC-32 as PNG chunks use it (ISO 3309 / ITU-T V.42 polynomial, reflected, PNG spec §5.5).</summary>
public static class Crc32
{
    private static readonly uint[] Table = CreateTable();

    /// <summary>Continues a CRC over more bytes: start with <c>Update(0xFFFFFFFF, …)</c> and finish with <see cref="Finish"/>.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    public static uint Finish(uint crc) => crc ^ 0xFFFFFFFFu;

    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Update(0xFFFFFFFFu, data));

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
