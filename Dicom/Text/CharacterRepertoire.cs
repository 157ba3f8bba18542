namespace CloudFilm.Dicom.Text;

/// <summary>
/// One coded character set usable in (0008,0005) (PS3.3 Tables C.12-2 to C.12-5): its defined terms, the escape
/// sequence that designates it under ISO 2022, where it goes (G0 or G1), bytes per character, and the code page
/// that decodes it.
/// </summary>
internal sealed record CharacterRepertoire(
    string Term,
    string Iso2022Term,
    int CodePage,
    byte[] Escape,
    bool IsG1,
    int BytesPerChar,
    bool IsStandalone = false)
{
    // ESC sequences from PS3.3 Table C.12-3 and C.12-4.
    public static readonly CharacterRepertoire Ascii = new("ISO_IR 6", "ISO 2022 IR 6", 20127, [0x1B, 0x28, 0x42], false, 1);
    public static readonly CharacterRepertoire Latin1 = new("ISO_IR 100", "ISO 2022 IR 100", 28591, [0x1B, 0x2D, 0x41], true, 1);
    public static readonly CharacterRepertoire Gb2312 = new("", "ISO 2022 IR 58", CodePages.Gbk, [0x1B, 0x24, 0x29, 0x41], true, 2);
    public static readonly CharacterRepertoire JisX0208 = new("", "ISO 2022 IR 87", CodePages.EucJp, [0x1B, 0x24, 0x42], false, 2);
    public static readonly CharacterRepertoire JisX0212 = new("", "ISO 2022 IR 159", CodePages.EucJp, [0x1B, 0x24, 0x28, 0x44], false, 2);
    public static readonly CharacterRepertoire KsX1001 = new("", "ISO 2022 IR 149", CodePages.Korean, [0x1B, 0x24, 0x29, 0x43], true, 2);
    public static readonly CharacterRepertoire JisX0201Katakana = new("ISO_IR 13", "ISO 2022 IR 13", CodePages.ShiftJis, [0x1B, 0x29, 0x49], true, 1);
    public static readonly CharacterRepertoire JisX0201Roman = new("", "", CodePages.ShiftJis, [0x1B, 0x28, 0x4A], false, 1);
    public static readonly CharacterRepertoire Utf8 = new("ISO_IR 192", "", CodePages.Utf8, [], false, 0, true);
    public static readonly CharacterRepertoire Gb18030 = new("GB18030", "", CodePages.Gb18030, [], false, 0, true);
    public static readonly CharacterRepertoire Gbk = new("GBK", "", CodePages.Gbk, [], false, 0, true);

    private static CharacterRepertoire SingleByte(string ir, int codePage, byte final) =>
        new($"ISO_IR {ir}", $"ISO 2022 IR {ir}", codePage, [0x1B, 0x2D, final], true, 1);

    public static IReadOnlyList<CharacterRepertoire> All { get; } =
    [
        Ascii, Latin1, Gb2312, JisX0208, JisX0212, KsX1001, JisX0201Katakana, JisX0201Roman, Utf8, Gb18030, Gbk,
        SingleByte("101", 28592, 0x42), SingleByte("109", 28593, 0x43), SingleByte("110", 28594, 0x44),
        SingleByte("144", 28595, 0x4C), SingleByte("127", 28596, 0x47), SingleByte("126", 28597, 0x46),
        SingleByte("138", 28598, 0x48), SingleByte("148", 28599, 0x4D), SingleByte("203", 28605, 0x62),
        SingleByte("166", 874, 0x54),
    ];

    public static CharacterRepertoire? FindByTerm(string term)
    {
        var t = term.Trim();
        if (t.Length == 0)
        {
            return Ascii;
        }
        foreach (var r in All)
        {
            if ((r.Term.Length > 0 && r.Term == t) || (r.Iso2022Term.Length > 0 && r.Iso2022Term == t))
            {
                return r;
            }
        }
        return null;
    }
}
