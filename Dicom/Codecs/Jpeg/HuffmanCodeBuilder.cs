namespace CloudFilm.Dicom.Codecs.Jpeg;

/// <summary>
/// Builds an optimal Huffman table from symbol frequencies with the procedure of T.81 Annex K.2 (code lengths at
/// most 16, the all-ones code left unused), and the encoder's code/length per symbol (Annex C).
/// </summary>
internal sealed class HuffmanCodeBuilder
{
    public HuffmanCodeBuilder(ReadOnlySpan<long> frequencies)
    {
        // K.2: symbol 256 is a reserved one-count entry so that no real code is all ones.
        var freq = new long[257];
        frequencies.CopyTo(freq);
        freq[256] = 1;
        var codeSize = new int[257];
        var others = new int[257];
        Array.Fill(others, -1);
        while (true)
        {
            int v1 = -1, v2 = -1;
            for (int i = 0; i < 257; i++)
            {
                if (freq[i] > 0 && (v1 < 0 || freq[i] <= freq[v1]))
                {
                    v1 = i;
                }
            }

            for (int i = 0; i < 257; i++)
            {
                if (freq[i] > 0 && i != v1 && (v2 < 0 || freq[i] <= freq[v2]))
                {
                    v2 = i;
                }
            }

            if (v2 < 0)
            {
                break;
            }

            freq[v1] += freq[v2];
            freq[v2] = 0;
            codeSize[v1]++;
            while (others[v1] >= 0)
            {
                v1 = others[v1];
                codeSize[v1]++;
            }

            others[v1] = v2;
            codeSize[v2]++;
            while (others[v2] >= 0)
            {
                v2 = others[v2];
                codeSize[v2]++;
            }
        }

        var bits = new int[33];
        for (int i = 0; i < 257; i++)
        {
            if (codeSize[i] > 0)
            {
                bits[codeSize[i]]++;
            }
        }

        // K.2 Adjust_BITS: move codes longer than 16 bits up the tree.
        for (int i = 32; i > 16; i--)
        {
            while (bits[i] > 0)
            {
                int j = i - 2;
                while (bits[j] == 0)
                {
                    j--;
                }

                bits[i] -= 2;
                bits[i - 1]++;
                bits[j + 1] += 2;
                bits[j]--;
            }
        }

        int longest = 16;
        while (bits[longest] == 0)
        {
            longest--;
        }

        bits[longest]--; // drop the reserved symbol

        Counts = new byte[16];
        for (int i = 1; i <= 16; i++)
        {
            Counts[i - 1] = (byte)bits[i];
        }

        // K.2 Sort_input: symbols by code size, then value.
        var values = new List<byte>();
        for (int size = 1; size <= 32; size++)
        {
            for (int i = 0; i < 256; i++)
            {
                if (codeSize[i] == size)
                {
                    values.Add((byte)i);
                }
            }
        }

        Values = values.ToArray();

        // Annex C: codes in order of HUFFVAL.
        Codes = new int[256];
        Lengths = new int[256];
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++)
        {
            for (int n = 0; n < Counts[length - 1]; n++, k++)
            {
                Codes[Values[k]] = code++;
                Lengths[Values[k]] = length;
            }

            code <<= 1;
        }
    }

    /// <summary>BITS: number of codes of each length 1..16.</summary>
    public byte[] Counts { get; }

    /// <summary>HUFFVAL: symbols in code order.</summary>
    public byte[] Values { get; }

    public int[] Codes { get; }

    public int[] Lengths { get; }
}
