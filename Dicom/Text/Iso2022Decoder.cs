using System.Text;
using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.Text;

/// <summary>
/// Decodes text using ISO 2022 code extensions (PS3.5 §6.1.2.5, Annexes H–K): escape sequences designate G0 and G1,
/// and the initial sets come back at each delimiter (PS3.5 §6.1.2.5.3). Escapes are dropped from the output.
/// </summary>
internal static class Iso2022Decoder
{
    public static string Decode(ReadOnlySpan<byte> bytes, DicomVR vr, CharacterRepertoire initialG0, CharacterRepertoire? initialG1)
    {
        var output = new StringBuilder(bytes.Length);
        var run = new List<byte>(bytes.Length);
        var g0 = initialG0;
        var g1 = initialG1;
        CharacterRepertoire? runSet = null;
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b == 0x1B && TryMatchEscape(bytes[i..], out var designated, out var escapeLength))
            {
                Flush(output, run, runSet);
                if (designated.IsG1)
                {
                    g1 = designated;
                }
                else
                {
                    g0 = designated;
                }
                i += escapeLength;
                continue;
            }
            var set = b < 0x80 ? g0 : g1 ?? CharacterRepertoire.Latin1;
            if (set != runSet)
            {
                Flush(output, run, runSet);
                runSet = set;
            }
            if (set.BytesPerChar == 2 && i + 1 < bytes.Length)
            {
                run.Add(b);
                run.Add(bytes[i + 1]);
                i += 2;
                continue;
            }
            run.Add(b);
            i++;
            if (b < 0x80 && set.BytesPerChar == 1 && IsDelimiter(b, vr))
            {
                g0 = initialG0;
                g1 = initialG1;
            }
        }
        Flush(output, run, runSet);
        return output.ToString();
    }

    internal static bool IsDelimiter(int c, DicomVR vr) =>
        c is 0x0D or 0x0A or 0x0C or 0x09
        || (c == '\\' && vr.IsMultiValued)
        || ((c == '^' || c == '=') && vr == DicomVR.PN);

    private static bool TryMatchEscape(ReadOnlySpan<byte> bytes, out CharacterRepertoire repertoire, out int length)
    {
        foreach (var r in CharacterRepertoire.All)
        {
            if (r.Escape.Length > 0 && bytes.StartsWith(r.Escape))
            {
                repertoire = r;
                length = r.Escape.Length;
                return true;
            }
        }
        repertoire = CharacterRepertoire.Ascii;
        length = 0;
        return false;
    }

    private static void Flush(StringBuilder output, List<byte> run, CharacterRepertoire? set)
    {
        if (run.Count == 0 || set is null)
        {
            run.Clear();
            return;
        }
        var bytes = run.ToArray();
        run.Clear();
        if (set == CharacterRepertoire.JisX0208)
        {
            // 7-bit JIS X 0208 pairs become EUC-JP by setting the high bit of each byte.
            for (var k = 0; k < bytes.Length; k++)
            {
                bytes[k] |= 0x80;
            }
        }
        else if (set == CharacterRepertoire.JisX0212)
        {
            var euc = new byte[bytes.Length / 2 * 3];
            for (int k = 0, o = 0; k + 1 < bytes.Length; k += 2)
            {
                euc[o++] = 0x8F;
                euc[o++] = (byte)(bytes[k] | 0x80);
                euc[o++] = (byte)(bytes[k + 1] | 0x80);
            }
            bytes = euc;
        }
        var codePage = set == CharacterRepertoire.Ascii ? CodePages.Latin1 : set.CodePage;
        output.Append(CodePages.Lenient(codePage).GetString(bytes));
    }
}
