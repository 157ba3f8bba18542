using System.Collections.Concurrent;
using System.Text;
using CloudFilm.Dicom.Data;

namespace CloudFilm.Dicom.Text;

/// <summary>
/// The Specific Character Set (0008,0005) of a data set (PS3.3 C.12.1.1.2, PS3.5 §6.1): decodes and encodes the
/// values of SH, LO, ST, LT, UC, UT and PN, including ISO 2022 code extensions with escape sequences (PS3.5
/// §6.1.2.5). Other VRs always use the default repertoire.
/// </summary>
public sealed class DicomCharacterSet
{
    private static readonly ConcurrentDictionary<string, DicomCharacterSet> Cache = new(StringComparer.Ordinal);
    private static readonly Encoding Latin1 = Encoding.Latin1;

    private readonly CharacterRepertoire[] _repertoires;
    private readonly CharacterRepertoire _initialG0;
    private readonly CharacterRepertoire? _initialG1;

    private DicomCharacterSet(string value)
    {
        Value = value;
        var terms = value.Split('\\');
        Terms = terms;
        var repertoires = new List<CharacterRepertoire>();
        var unknown = new List<string>();
        UsesCodeExtensions = terms.Length > 1 || terms[0].Trim().StartsWith("ISO 2022", StringComparison.Ordinal);
        for (var i = 0; i < terms.Length; i++)
        {
            var r = CharacterRepertoire.FindByTerm(terms[i]);
            if (r is null)
            {
                unknown.Add(terms[i].Trim());
                continue;
            }
            if (r.IsStandalone && i > 0)
            {
                continue; // UTF-8, GB18030 and GBK allow no code extensions (PS3.3 Table C.12-5): first value only.
            }
            repertoires.Add(r);
        }
        UnknownTerms = unknown;
        if (repertoires.Count > 0 && repertoires[0].IsStandalone)
        {
            UsesCodeExtensions = false;
            repertoires.RemoveRange(1, repertoires.Count - 1);
        }
        _repertoires = [.. repertoires];
        var first = CharacterRepertoire.FindByTerm(terms[0]) ?? CharacterRepertoire.Ascii;
        if (first.IsG1)
        {
            _initialG0 = first == CharacterRepertoire.JisX0201Katakana ? CharacterRepertoire.JisX0201Roman : CharacterRepertoire.Ascii;
            _initialG1 = first;
        }
        else
        {
            _initialG0 = first.IsStandalone ? CharacterRepertoire.Ascii : first;
        }
        Primary = first;
    }

    /// <summary>ISO_IR 6: the default repertoire (ASCII), used when (0008,0005) is absent or empty.</summary>
    public static DicomCharacterSet Default { get; } = new("");

    /// <summary>ISO_IR 192 (UTF-8): what the toolkit writes for new text that does not fit the source set.</summary>
    public static DicomCharacterSet Utf8 { get; } = new("ISO_IR 192");

    /// <summary>The value of (0008,0005) as read, values separated by backslashes.</summary>
    public string Value { get; }

    public IReadOnlyList<string> Terms { get; }

    /// <summary>Terms no repertoire here matches; their text decodes as Latin-1 so no byte is lost.</summary>
    public IReadOnlyList<string> UnknownTerms { get; }

    /// <summary>Whether ISO 2022 escape sequences are in use (several values, or an "ISO 2022" term).</summary>
    public bool UsesCodeExtensions { get; }

    internal CharacterRepertoire Primary { get; }

    /// <summary>
    /// Whether bytes 20H-7EH (no escape) decode to the same ASCII characters in this set, so writers can copy them
    /// without decoding: false only where G0 starts as JIS X 0201 Romaji (ISO_IR 13), which has a yen sign at 5CH.
    /// </summary>
    internal bool KeepsAsciiAsIs => _initialG0 == CharacterRepertoire.Ascii;

    /// <summary>The character set for a (0008,0005) value; the empty string is the default repertoire.</summary>
    public static DicomCharacterSet FromValue(string? specificCharacterSet)
    {
        var key = (specificCharacterSet ?? "").TrimEnd(' ', '\0');
        return key.Length == 0 ? Default : Cache.GetOrAdd(key, static k => new DicomCharacterSet(k));
    }

    /// <summary>Decodes a value's bytes (padding included; callers trim). Undecodable bytes become U+FFFD.</summary>
    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        if (bytes.IsEmpty)
        {
            return "";
        }
        if (!vr.UsesCharacterSet)
        {
            return Latin1.GetString(bytes);
        }
        if (!UsesCodeExtensions)
        {
            return UnknownTerms.Count > 0 && _repertoires.Length == 0
                ? Latin1.GetString(bytes)
                : CodePages.Lenient(Primary.CodePage == 20127 ? CodePages.Latin1 : Primary.CodePage).GetString(bytes);
        }
        return Iso2022Decoder.Decode(bytes, vr, _initialG0, _initialG1);
    }

    /// <summary>
    /// Encodes text for a VR; throws <see cref="DicomException"/> naming the character when this set cannot hold it
    /// (never a silent '?').
    /// </summary>
    public byte[] Encode(string text, DicomVR vr)
    {
        if (!vr.UsesCharacterSet || (!UsesCodeExtensions && Primary == CharacterRepertoire.Ascii))
        {
            return EncodeAscii(text, vr);
        }
        if (!UsesCodeExtensions)
        {
            try
            {
                return CodePages.Strict(Primary.CodePage).GetBytes(text);
            }
            catch (EncoderFallbackException e)
            {
                throw new DicomException($"character '{e.CharUnknown}' cannot be encoded in {Value}");
            }
        }
        return Iso2022Encoder.Encode(text, vr, _repertoires, _initialG0, _initialG1, Value);
    }

    /// <summary>Whether <see cref="Encode"/> would succeed.</summary>
    public bool CanEncode(string text, DicomVR vr)
    {
        try
        {
            Encode(text, vr);
            return true;
        }
        catch (DicomException)
        {
            return false;
        }
    }

    private static byte[] EncodeAscii(string text, DicomVR vr)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c > 0x7F)
            {
                throw new DicomException($"character '{c}' is outside the default repertoire required for {vr}");
            }
            bytes[i] = (byte)c;
        }
        return bytes;
    }

    public override string ToString() => Value.Length == 0 ? "ISO_IR 6" : Value;
}
