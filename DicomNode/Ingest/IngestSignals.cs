namespace CloudFilm.DicomNode.Ingest;

/// <summary>Wakes the background workers when instances were indexed, so they need not poll tightly.</summary>
public sealed class IngestSignals
{
    private readonly SemaphoreSlim _compression = new(0, int.MaxValue);
    private readonly SemaphoreSlim _notification = new(0, 1);

    public void InstanceIndexed(bool queuedForCompression)
    {
        if (queuedForCompression)
        {
            _compression.Release();
        }
        if (_notification.CurrentCount == 0)
        {
            try
            {
                _notification.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one wake-up covers every instance indexed before it runs.
            }
        }
    }

    public Task<bool> WaitForCompressionWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => _compression.WaitAsync(timeout, cancellationToken);

    public Task<bool> WaitForNotificationWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => _notification.WaitAsync(timeout, cancellationToken);
}
