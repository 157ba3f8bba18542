using System.Collections.Concurrent;
using System.Text.Json;
using CloudFilm.Api.Hosting;
using CloudFilm.Grains.Abstractions.Queues;
using Microsoft.AspNetCore.SignalR;

namespace CloudFilm.Api.Queues;

/// <summary>
/// How queue events reach screens. Each Api copy subscribes itself (an Orleans observer) to the queues its own
/// connected screens show, and pushes each event to its local SignalR group of that queue. Why not the Redis
/// backplane: every copy with screens of a queue must hear that queue anyway, so the backplane would carry every
/// event once per copy and deliver it several times; with observers each event crosses the network once per copy,
/// any copy serves any screen, and nothing depends on Redis for a call to show. Observer pushes are best effort:
/// screens detect a gap in revisions (or a reconnect) and reload a snapshot; subscriptions are renewed every
/// <see cref="RenewEvery"/> so a queue that moved to another silo is heard again.
/// </summary>
public sealed class QueueEventRelay(IClusterClient cluster, IHubContext<QueueHub> hub, ILogger<QueueEventRelay> logger)
    : IQueueObserver, IHostedService, IDisposable
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<string, int> _watchers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IQueueObserver? _reference;
    private Timer? _renewal;

    public static string Group(string queueId) => "queue:" + queueId;

    public Task OnQueueEvent(QueueEvent queueEvent) =>
        hub.Clients.Group(Group(queueEvent.QueueId)).SendAsync("queueEvent", JsonSerializer.SerializeToElement(queueEvent, ApiJson.Options));

    /// <summary>A local connection shows this queue: make sure this copy hears it.</summary>
    public async Task WatchAsync(string queueId)
    {
        if (_watchers.AddOrUpdate(queueId, 1, (_, n) => n + 1) == 1)
        {
            await cluster.GetGrain<IQueueGrain>(QueueKeys.GrainKey(queueId)).SubscribeAsync(await ReferenceAsync());
        }
    }

    public async Task UnwatchAsync(string queueId)
    {
        if (_watchers.AddOrUpdate(queueId, 0, (_, n) => Math.Max(0, n - 1)) == 0 && _watchers.TryRemove(new(queueId, 0)))
        {
            try
            {
                await cluster.GetGrain<IQueueGrain>(QueueKeys.GrainKey(queueId)).UnsubscribeAsync(await ReferenceAsync());
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                QueueRelayLog.RenewFailed(logger, queueId, e);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _renewal = new Timer(_ => _ = RenewAsync(), null, RenewEvery, RenewEvery);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _renewal?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _renewal?.Dispose();
        _gate.Dispose();
    }

    private async Task RenewAsync()
    {
        foreach (var queueId in _watchers.Where(w => w.Value > 0).Select(w => w.Key).ToList())
        {
            try
            {
                await cluster.GetGrain<IQueueGrain>(QueueKeys.GrainKey(queueId)).SubscribeAsync(await ReferenceAsync());
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
            {
                QueueRelayLog.RenewFailed(logger, queueId, e);
            }
        }
    }

    private async Task<IQueueObserver> ReferenceAsync()
    {
        if (_reference is { } existing)
        {
            return existing;
        }
        await _gate.WaitAsync();
        try
        {
            return _reference ??= cluster.CreateObjectReference<IQueueObserver>(this);
        }
        finally
        {
            _gate.Release();
        }
    }
}

internal static partial class QueueRelayLog
{
    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "Renewing the subscription to queue {QueueId} failed")]
    public static partial void RenewFailed(ILogger logger, string queueId, Exception exception);
}
