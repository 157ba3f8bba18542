using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Identifiers;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Services;

/// <summary>
/// An incoming C-MOVE or C-GET (PS3.7 9.1.4, 9.1.3; PS3.4 C.4.2, C.4.3): the model, the identifier naming what to
/// retrieve, and for C-MOVE the destination AE title.
/// </summary>
public sealed record RetrieveRequest(
    AssociationInfo Association,
    byte ContextId,
    string SopClassUid,
    string TransferSyntaxUid,
    ReadOnlyMemory<byte> Identifier,
    ushort Priority,
    string? MoveDestination)
{
    public FlatDataSet Keys => FlatDataSet.Parse(Identifier, TransferSyntaxUid);

    /// <summary>The identifier as a full data set (sequences, character sets), read with the toolkit's reader.</summary>
    public DicomDataset ReadDataset() => DicomDatasetReader.Read(Identifier, DicomTransferSyntax.Lookup(TransferSyntaxUid));
}
