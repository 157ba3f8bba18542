using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.Text;

/// <summary>
/// Encodes text with ISO 2022 code extensions (PS3.5 §6.1.2.5): each non-ASCII character goes to the first declared
/// set that holds it, with an escape sequence whenever the designation changes; after each delimiter the initial
/// sets apply again, so escapes are repeated (PS3.5 §6.1.2.5.3); G0 returns to ASCII before delimiters and at the end.
/// </summary>
internal static class Iso2022Encoder
{
    public static byte[] Encode(string text, DicomVR vr, IReadOnlyList<CharacterRepertoire> declared,
        CharacterRepertoire initialG0, CharacterRepertoire? initialG1, string setName)
    {
        var output = new List<byte>(text.Length * 2);
        var g0 = initialG0;
        var g1 = initialG1;
        Span<byte> encoded = stackalloc byte[8];
        foreach (var c in text)
        {
            if (c < 0x80)
            {
                if (g0.BytesPerChar != 1)
                {
                    output.AddRange(CharacterRepertoire.Ascii.Escape);
                    g0 = CharacterRepertoire.Ascii;
                }
                output.Add((byte)c);
                if (Iso2022Decoder.IsDelimiter(c, vr))
                {
                    g0 = initialG0;
                    g1 = initialG1;
                }
                continue;
            }
            var placed = false;
            foreach (var r in declared)
            {
                if (r == CharacterRepertoire.Ascii || !TryEncode(c, r, encoded, out var n))
                {
                    continue;
                }
                if (r.IsG1 ? g1 != r : g0 != r)
                {
                    output.AddRange(r.Escape);
                    if (r.IsG1)
                    {
                        g1 = r;
                    }
                    else
                    {
                        g0 = r;
                    }
                }
                for (var k = 0; k < n; k++)
                {
                    output.Add(encoded[k]);
                }
                placed = true;
                break;
            }
            if (!placed)
            {
                throw new DicomException($"character '{c}' cannot be encoded in {setName}");
            }
        }
        if (g0 != initialG0)
        {
            output.AddRange(initialG0.Escape);
        }
        return [.. output];
    }

    private static bool TryEncode(char c, CharacterRepertoire r, Span<byte> destination, out int length)
    {
        length = 0;
        byte[] bytes;
        try
        {
            var codePage = r == CharacterRepertoire.Gb2312 ? CodePages.Gb2312 : r.CodePage;
            bytes = CodePages.Strict(codePage).GetBytes([c]);
        }
        catch (System.Text.EncoderFallbackException)
        {
            return false;
        }
        if (r.BytesPerChar == 1)
        {
            if (bytes.Length != 1 || bytes[0] < 0x80)
            {
                return false;
            }
            if (r == CharacterRepertoire.JisX0201Katakana && bytes[0] is < 0xA1 or > 0xDF)
            {
                return false;
            }
            destination[0] = bytes[0];
            length = 1;
            return true;
        }
        if (r == CharacterRepertoire.JisX0212)
        {
            if (bytes.Length != 3 || bytes[0] != 0x8F)
            {
                return false;
            }
            destination[0] = (byte)(bytes[1] & 0x7F);
            destination[1] = (byte)(bytes[2] & 0x7F);
            length = 2;
            return true;
        }
        if (bytes.Length != 2 || bytes[0] < 0xA1 || bytes[1] < 0xA1)
        {
            return false;
        }
        if (r == CharacterRepertoire.JisX0208)
        {
            destination[0] = (byte)(bytes[0] & 0x7F);
            destination[1] = (byte)(bytes[1] & 0x7F);
        }
        else
        {
            destination[0] = bytes[0];
            destination[1] = bytes[1];
        }
        length = 2;
        return true;
    }
}
