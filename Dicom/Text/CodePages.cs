using System.Text;

namespace CloudFilm.Dicom.Text;

/// <summary>
/// Encodings by Windows code page number, with the code pages provider registered once. Terms are mapped by number,
/// never by WebName, whose spelling differs between runtimes.
/// </summary>
internal static class CodePages
{
    static CodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public const int Latin1 = 28591;
    public const int Utf8 = 65001;
    public const int Gb18030 = 54936;
    public const int Gbk = 936;
    public const int Gb2312 = 20936;
    public const int ShiftJis = 932;
    public const int EucJp = 20932;
    public const int Korean = 949;

    /// <summary>An encoding that throws on characters it cannot encode, rather than writing '?'.</summary>
    public static Encoding Strict(int codePage) =>
        Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);

    /// <summary>An encoding for reading: undecodable bytes become U+FFFD; the raw bytes stay in the element.</summary>
    public static Encoding Lenient(int codePage) => Encoding.GetEncoding(codePage);
}
