using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Identifiers;

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
}

/// <summary>
/// One instance to send as a C-STORE sub-operation: its UIDs, the transfer syntax its data set is encoded in, and
/// how to open that data set (the bytes after the Part 10 meta information) as a stream.
/// </summary>
public sealed record RetrieveItem(
    string SopClassUid,
    string SopInstanceUid,
    string TransferSyntaxUid,
    Func<CancellationToken, ValueTask<Stream>> OpenDataSet);

/// <summary>
/// The host side of C-MOVE and C-GET SCPs: resolves an identifier to the instances to send. The SCP sends them
/// as C-STORE sub-operations and reports progress (PS3.4 C.4.2.3, C.4.3.3).
/// </summary>
public interface IRetrieveHandler
{
    ValueTask<IReadOnlyList<RetrieveItem>> ResolveAsync(RetrieveRequest request, CancellationToken cancellationToken);
}

/// <summary>A peer application entity: its AE title and network address (PS3.8 7.1.1.3). C-MOVE destinations are configured this way.</summary>
public sealed record RemoteApplicationEntity(string AeTitle, string Host, int Port);
