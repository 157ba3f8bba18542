using System.Text.Json;
using CloudFilm.Api.Hosting;
using CloudFilm.Grains.Abstractions.Queues;
using Microsoft.AspNetCore.SignalR;

namespace CloudFilm.Api.Queues;

/// <summary>What a screen receives when it joins: its configuration and a snapshot of each of its queues.</summary>
public sealed record ScreenView(ScreenDefinition Screen, IReadOnlyList<QueueScreenSnapshot> Queues);

/// <summary>
/// <c>/hubs/queues</c>: live queue events for hall screens, room-door screens and caller consoles. A screen joins
/// with its device token (and may then read only its own queues); a console joins a queue with the staff cookie.
/// Events arrive as <c>queueEvent</c> (a <see cref="QueueEvent"/>); on a revision gap or a reconnect the page asks
/// <see cref="Snapshot"/> again.
/// </summary>
public sealed class QueueHub(IClusterClient cluster, QueueEventRelay relay) : Hub
{
    public const string Path = "/hubs/queues";
    private const string QueuesItem = "queues";
    private static readonly string[] CallerRoles = ["queue", "reader", "supervisor", "admin"];

    public async Task<JsonElement> JoinScreen(string token)
    {
        var screenId = DeviceTokens.ScreenOf(token) ?? throw new HubException("The device token is not valid.");
        var screen = await cluster.GetGrain<IScreenGrain>(ScreenKeys.GrainKey(screenId)).AuthorizeAsync(DeviceTokens.Hash(token))
            ?? throw new HubException("The device token is not valid.");
        var queueIds = screen.Regions.Select(r => r.QueueId).Distinct().ToList();
        var snapshots = new List<QueueScreenSnapshot>();
        foreach (var queueId in queueIds)
        {
            await JoinAsync(queueId);
            snapshots.Add(await cluster.Queue(queueId).GetScreenSnapshotAsync());
        }
        return JsonSerializer.SerializeToElement(new ScreenView(screen, snapshots), ApiJson.Options);
    }

    public async Task<JsonElement> JoinQueue(string queueId)
    {
        if (Context.User?.Identity?.IsAuthenticated != true || !CallerRoles.Any(Context.User.IsInRole))
        {
            throw new HubException("Sign in as queue staff to watch a queue.");
        }
        await JoinAsync(queueId);
        return await Snapshot(queueId);
    }

    public async Task<JsonElement> Snapshot(string queueId)
    {
        if (!Joined().Contains(queueId))
        {
            throw new HubException("This connection may not read that queue.");
        }
        return JsonSerializer.SerializeToElement(await cluster.Queue(queueId).GetScreenSnapshotAsync(), ApiJson.Options);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var queueId in Joined())
        {
            await relay.UnwatchAsync(queueId);
        }
        await base.OnDisconnectedAsync(exception);
    }

    private async Task JoinAsync(string queueId)
    {
        var joined = Joined();
        if (joined.Add(queueId))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, QueueEventRelay.Group(queueId));
            await relay.WatchAsync(queueId);
        }
    }

    private HashSet<string> Joined()
    {
        if (Context.Items.TryGetValue(QueuesItem, out var value) && value is HashSet<string> set)
        {
            return set;
        }
        var created = new HashSet<string>(StringComparer.Ordinal);
        Context.Items[QueuesItem] = created;
        return created;
    }
}
