namespace CloudFilm.Dicom.Network.Dimse;

/// <summary>
/// Receives a data set as it arrives, one P-DATA fragment at a time (PS3.8 Annex E), so a large instance is never
/// held whole in memory. The fragments are only valid during the call: copy or write them out before returning.
/// </summary>
public interface IDataSetSink : IAsyncDisposable
{
    ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken);
}
