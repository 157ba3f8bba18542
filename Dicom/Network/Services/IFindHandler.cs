namespace CloudFilm.Dicom.Network.Services;

/// <summary>
/// The host side of a C-FIND SCP (PS3.4 C.4.1): yields one identifier per match, each sent at once as a pending
/// response. The cancellation token fires when the SCU sends C-CANCEL or the association ends; the SCP then
/// answers with status Cancel. Throw <see cref="Dimse.DimseStatusException"/> for a specific failure status.
/// </summary>
public interface IFindHandler
{
    IAsyncEnumerable<FindMatch> FindAsync(FindRequest request, CancellationToken cancellationToken);
}
