namespace CloudFilm.Dicom.Network.Services;

/// <summary>
/// The host side of C-MOVE and C-GET SCPs: resolves an identifier to the instances to send. The SCP sends them
/// as C-STORE sub-operations and reports progress (PS3.4 C.4.2.3, C.4.3.3).
/// </summary>
public interface IRetrieveHandler
{
    ValueTask<IReadOnlyList<RetrieveItem>> ResolveAsync(RetrieveRequest request, CancellationToken cancellationToken);
}
