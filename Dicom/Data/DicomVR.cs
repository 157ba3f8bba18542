namespace CloudFilm.Dicom.Data;

/// <summary>
/// A value representation (PS3.5 §6.2, Table 6.2-1): how an element's value is encoded. Instances are unique, so
/// they compare by reference.
/// </summary>
public sealed class DicomVR
{
    private DicomVR(string code, DicomVRKind kind, bool hasLongLength, int unitSize, int maxLength,
        bool isMultiValued, bool usesCharacterSet, byte padding)
    {
        Code = code;
        CodeUtf8 = System.Text.Encoding.ASCII.GetBytes(code);
        Kind = kind;
        HasLongLength = hasLongLength;
        UnitSize = unitSize;
        MaxLength = maxLength;
        IsMultiValued = isMultiValued;
        UsesCharacterSet = usesCharacterSet;
        Padding = padding;
    }

    /// <summary>The two-letter code, e.g. "PN".</summary>
    public string Code { get; }

    /// <summary>The code as ASCII bytes, for writers that emit UTF-8 (JSON, XML).</summary>
    internal byte[] CodeUtf8 { get; }

    public DicomVRKind Kind { get; }

    /// <summary>Explicit VR encodings give this VR a 2-byte reserved field and a 4-byte length (PS3.5 §7.1.2).</summary>
    public bool HasLongLength { get; }

    /// <summary>Bytes per binary value (and per byte-swap unit in big endian); 1 for strings and byte streams.</summary>
    public int UnitSize { get; }

    /// <summary>Maximum bytes (or characters for text) of one value, 0 when unbounded by the standard.</summary>
    public int MaxLength { get; }

    /// <summary>Backslash separates values: every string VR except LT, ST, UT and UR (PS3.5 §6.4).</summary>
    public bool IsMultiValued { get; }

    /// <summary>Specific Character Set applies: SH, LO, ST, LT, UC, UT, PN (PS3.5 §6.1.2.3).</summary>
    public bool UsesCharacterSet { get; }

    /// <summary>Byte that pads an odd-length value to even length (PS3.5 §6.2): NUL for UI and binary, space for text.</summary>
    public byte Padding { get; }

    public bool IsString => Kind is DicomVRKind.Text;

    public override string ToString() => Code;

    private static DicomVR Text(string code, int max, bool multi = true, bool charset = false, byte pad = 0x20) =>
        new(code, DicomVRKind.Text, code is "UC" or "UR" or "UT", 1, max, multi, charset, pad);

    private static DicomVR Binary(string code, int unit, bool longLength = false) =>
        new(code, DicomVRKind.Binary, longLength, unit, 0, false, false, 0);

    private static DicomVR Bulk(string code, int unit) => new(code, DicomVRKind.Bulk, true, unit, 0, false, false, 0);

    public static readonly DicomVR AE = Text("AE", 16);
    public static readonly DicomVR AS = Text("AS", 4);
    public static readonly DicomVR AT = Binary("AT", 2);
    public static readonly DicomVR CS = Text("CS", 16);
    public static readonly DicomVR DA = Text("DA", 8);
    public static readonly DicomVR DS = Text("DS", 16);
    public static readonly DicomVR DT = Text("DT", 26);
    public static readonly DicomVR FD = Binary("FD", 8);
    public static readonly DicomVR FL = Binary("FL", 4);
    public static readonly DicomVR IS = Text("IS", 12);
    public static readonly DicomVR LO = Text("LO", 64, charset: true);
    public static readonly DicomVR LT = Text("LT", 10240, multi: false, charset: true);
    public static readonly DicomVR OB = Bulk("OB", 1);
    public static readonly DicomVR OD = Bulk("OD", 8);
    public static readonly DicomVR OF = Bulk("OF", 4);
    public static readonly DicomVR OL = Bulk("OL", 4);
    public static readonly DicomVR OV = Bulk("OV", 8);
    public static readonly DicomVR OW = Bulk("OW", 2);
    public static readonly DicomVR PN = Text("PN", 64 * 3 + 2, charset: true);
    public static readonly DicomVR SH = Text("SH", 16, charset: true);
    public static readonly DicomVR SL = Binary("SL", 4);
    public static readonly DicomVR SQ = new("SQ", DicomVRKind.Sequence, true, 1, 0, false, false, 0);
    public static readonly DicomVR SS = Binary("SS", 2);
    public static readonly DicomVR ST = Text("ST", 1024, multi: false, charset: true);
    public static readonly DicomVR SV = Binary("SV", 8, longLength: true);
    public static readonly DicomVR TM = Text("TM", 14);
    public static readonly DicomVR UC = Text("UC", 0, charset: true);
    public static readonly DicomVR UI = Text("UI", 64, pad: 0);
    public static readonly DicomVR UL = Binary("UL", 4);
    public static readonly DicomVR UN = Bulk("UN", 1);
    public static readonly DicomVR UR = Text("UR", 0, multi: false);
    public static readonly DicomVR US = Binary("US", 2);
    public static readonly DicomVR UT = Text("UT", 0, multi: false, charset: true);
    public static readonly DicomVR UV = Binary("UV", 8, longLength: true);

    /// <summary>Every VR of PS3.5 Table 6.2-1.</summary>
    public static IReadOnlyList<DicomVR> All { get; } =
    [
        AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV, TM, UC,
        UI, UL, UN, UR, US, UT, UV,
    ];

    private static readonly Dictionary<ushort, DicomVR> ByCode = All.ToDictionary(v => Key((byte)v.Code[0], (byte)v.Code[1]));

    private static ushort Key(byte first, byte second) => (ushort)((first << 8) | second);

    /// <summary>The VR named by two bytes of an explicit VR header, or false when they name none.</summary>
    public static bool TryParse(ReadOnlySpan<byte> code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DicomVR? vr)
    {
        vr = null;
        return code.Length == 2 && ByCode.TryGetValue(Key(code[0], code[1]), out vr);
    }

    /// <summary>The VR named by its two-letter code, or false when it names none.</summary>
    public static bool TryParse(string code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DicomVR? vr)
    {
        vr = null;
        return code.Length == 2 && ByCode.TryGetValue(Key((byte)code[0], (byte)code[1]), out vr);
    }

    /// <summary>The VR named by its two-letter code; throws <see cref="DicomException"/> for an unknown code.</summary>
    public static DicomVR Parse(string code) =>
        TryParse(code, out var vr) ? vr : throw new DicomException($"unknown value representation '{code}'");
}

/// <summary>The families of VRs that share an encoding.</summary>
public enum DicomVRKind
{
    /// <summary>Character strings, padded with a space (NUL for UI).</summary>
    Text,

    /// <summary>Fixed-size binary numbers and tags: AT, FL, FD, SL, SS, UL, US, SV, UV.</summary>
    Binary,

    /// <summary>Byte or word streams: OB, OD, OF, OL, OV, OW, UN.</summary>
    Bulk,

    /// <summary>SQ: a sequence of items.</summary>
    Sequence,
}
