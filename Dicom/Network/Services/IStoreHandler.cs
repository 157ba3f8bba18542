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

/// <summary>
/// Receives one instance's data set. <see cref="CompleteAsync"/> follows the last fragment; disposing without it means
/// the transfer was abandoned (oversize, association lost) and anything written must be discarded. Dispose is
/// always called, after <see cref="CompleteAsync"/> too.
/// </summary>
public interface IStoreSink : IDataSetSink
{
    /// <summary>The data set is complete; returns the C-STORE status (success, or a B000/B006/B007 warning).</summary>
    ValueTask<StoreOutcome> CompleteAsync(CancellationToken cancellationToken);
}

/// <summary>Status of a C-STORE (PS3.4 B.2.3) and an optional error comment.</summary>
public sealed record StoreOutcome(DimseStatus Status, string? ErrorComment = null)
{
    public static readonly StoreOutcome Success = new(DimseStatus.Success);
}
