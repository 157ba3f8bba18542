namespace CloudFilm.Dicom.Network.Services;

/// <summary>
/// One C-FIND match: its identifier encoded in the request's transfer syntax. <paramref name="OptionalKeysUnsupported"/>
/// sends status FF01 instead of FF00 (PS3.4 C.4.1.1.4).
/// </summary>
public sealed record FindMatch(ReadOnlyMemory<byte> Identifier, bool OptionalKeysUnsupported = false);
