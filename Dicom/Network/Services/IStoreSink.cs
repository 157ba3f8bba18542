using CloudFilm.Dicom.Network.Dimse;

namespace CloudFilm.Dicom.Network.Services;

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
