namespace CloudFilm.DicomNode.Ingest;

/// <summary>Wakes the background workers when instances were indexed, so they need not poll tightly.</summary>
public sealed class IngestSignals
{
    private readonly SemaphoreSlim _compression = new(0, int.MaxValue);
    private readonly SemaphoreSlim _notification = new(0, 1);
    private long _lastIndexedAt = -1;

    /// <summary>How long ago the last instance was indexed (the maximum when none was): a burst is on while this is short.</summary>
    public TimeSpan SinceLastInstance
    {
        get
        {
            var last = Volatile.Read(ref _lastIndexedAt);
            return last < 0 ? TimeSpan.MaxValue : TimeSpan.FromMilliseconds(Environment.TickCount64 - last);
        }
    }

    public void InstanceIndexed(bool queuedForCompression)
    {
        Volatile.Write(ref _lastIndexedAt, Environment.TickCount64);
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
