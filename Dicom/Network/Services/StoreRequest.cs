using CloudFilm.Dicom.Network.Association;

namespace CloudFilm.Dicom.Network.Services;

/// <summary>An incoming C-STORE (PS3.7 9.1.1), as given to the host's <see cref="IStoreHandler"/> before the data set arrives.</summary>
public sealed record StoreRequest(
    AssociationInfo Association,
    byte ContextId,
    string SopClassUid,
    string SopInstanceUid,
    string TransferSyntaxUid,
    ushort Priority,
    string? MoveOriginatorAeTitle,
    ushort? MoveOriginatorMessageId);
