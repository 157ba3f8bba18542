using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.IO;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Identifiers;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Services;

/// <summary>
/// An incoming C-FIND (PS3.7 9.1.2, PS3.4 C.4.1): the information model (patient or study root) and the
/// identifier, encoded in the presentation context's transfer syntax.
/// </summary>
public sealed record FindRequest(
    AssociationInfo Association,
    byte ContextId,
    string SopClassUid,
    string TransferSyntaxUid,
    ReadOnlyMemory<byte> Identifier,
    ushort Priority)
{
    /// <summary>The identifier's top-level elements (Query/Retrieve Level, keys).</summary>
    public FlatDataSet Keys => FlatDataSet.Parse(Identifier, TransferSyntaxUid);

    /// <summary>The identifier as a full data set (sequences, character sets), read with the toolkit's reader.</summary>
    public DicomDataset ReadDataset() => DicomDatasetReader.Read(Identifier, DicomTransferSyntax.Lookup(TransferSyntaxUid));
}
