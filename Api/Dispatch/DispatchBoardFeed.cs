using System.Collections.Concurrent;
using System.Text.Json;
using CloudFilm.Api.Hosting;
using CloudFilm.Grains.Abstractions.Dispatch;
using Microsoft.AspNetCore.SignalR;

namespace CloudFilm.Api.Dispatch;

/// <summary>
/// How pool changes reach the boards. The silo hosts no SignalR, so each Api copy registers itself as an Orleans
/// observer of the pools its own connections watch (renewed every 30 seconds, which also finds a pool again after
/// its silo died). A dispatcher tells its observers "changed, version N"; this copy coalesces the notices of each
/// pool for 100 ms, reads the view once, and sends it to its own connections only — so two Api copies never send
/// a screen the same message twice, and a burst of 100 assignments costs one read and one message per screen.
/// </summary>
public sealed partial class DispatchBoardFeed(IClusterClient cluster, IHubContext<DispatchHub> hub, ILogger<DispatchBoardFeed> logger)
    : BackgroundService, IDispatchBoardObserver
{
    private static readonly TimeSpan Batch = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _watchers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _dirty = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private IDispatchBoardObserver? _reference;

    public async Task<string> WatchAsync(string poolId, string connectionId)
    {
        var watchers = _watchers.GetOrAdd(poolId, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
        var first = watchers.IsEmpty;
        watchers[connectionId] = 0;
        var pool = cluster.GetGrain<IDispatcherGrain>(DispatchKeys.PoolGrainKey(poolId));
        if (first)
        {
            await pool.SubscribeAsync(Reference());
        }
        return JsonSerializer.Serialize(await pool.GetViewAsync(), ApiJson.Options);
    }

    public void Forget(string connectionId)
    {
        foreach (var watchers in _watchers.Values)
        {
            watchers.TryRemove(connectionId, out _);
        }
    }

    public Task PoolChanged(string poolId, long version)
    {
        if (_dirty.TryAdd(poolId, 0))
        {
            _wake.Release();
        }
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var renewal = new PeriodicTimer(Renewal);
        var renewing = RenewLoopAsync(renewal, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _wake.WaitAsync(stoppingToken);
                await Task.Delay(Batch, stoppingToken);
                foreach (var poolId in _dirty.Keys.ToList())
                {
                    _dirty.TryRemove(poolId, out _);
                    await PushAsync(poolId, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await renewing;
    }

    private async Task PushAsync(string poolId, CancellationToken cancellationToken)
    {
        if (!_watchers.TryGetValue(poolId, out var watchers) || watchers.IsEmpty)
        {
            return;
        }
        try
        {
            var view = await cluster.GetGrain<IDispatcherGrain>(DispatchKeys.PoolGrainKey(poolId)).GetViewAsync();
            await hub.Clients.Clients([.. watchers.Keys]).SendAsync(DispatchHub.PoolMessage, JsonSerializer.Serialize(view, ApiJson.Options), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next change or renewal tries again; a board is never left with an exception.
            LogPushFailed(logger, e, poolId);
        }
    }

    private async Task RenewLoopAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var (poolId, watchers) in _watchers)
                {
                    if (watchers.IsEmpty)
                    {
                        continue;
                    }
                    try
                    {
                        await cluster.GetGrain<IDispatcherGrain>(DispatchKeys.PoolGrainKey(poolId)).SubscribeAsync(Reference());
                        // A renewal also pushes, so a board that missed a notice while a silo died catches up.
                        PoolChanged(poolId, 0).Ignore();
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogPushFailed(logger, e, poolId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private IDispatchBoardObserver Reference() => _reference ??= cluster.CreateObjectReference<IDispatchBoardObserver>(this);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Dispatch board update for pool {PoolId} failed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string poolId);
}
