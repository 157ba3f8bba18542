namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>
/// One presentation data value item of P-DATA-TF (PS3.8 9.3.5.1, Annex E.2): a fragment of a DIMSE command or data
/// set on one presentation context. The message control header says which, and whether it is the last fragment.
/// </summary>
public readonly record struct PresentationDataValue(byte PresentationContextId, bool IsCommand, bool IsLast, ReadOnlyMemory<byte> Data)
{
    /// <summary>Bytes a PDV item adds around its data: 4-byte item length, context id, control header.</summary>
    public const int Overhead = 6;

    public byte ControlHeader => (byte)((IsCommand ? 1 : 0) | (IsLast ? 2 : 0));
}
