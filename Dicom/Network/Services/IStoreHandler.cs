using CloudFilm.Dicom.Network.Dimse;

namespace CloudFilm.Dicom.Network.Services;

/// <summary>
/// The host side of a C-STORE SCP (PS3.4 Annex B): where each received instance's data set goes. The data set is
/// streamed to the sink fragment by fragment as it arrives; the host decides the final status once it has all.
/// Throw <see cref="DimseStatusException"/> to refuse with a specific status (e.g. A700 when out of space).
/// </summary>
public interface IStoreHandler
{
    ValueTask<IStoreSink> BeginStoreAsync(StoreRequest request, CancellationToken cancellationToken);
}
