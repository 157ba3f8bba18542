using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CloudFilm.Api.Dispatch;

/// <summary>
/// Live dispatch boards and reader worklists. A page calls <c>watch(poolId)</c> and then receives <c>pool</c>
/// messages (the pool's view as JSON text, with a version that only grows) within a second of any change.
/// </summary>
[Authorize]
public sealed class DispatchHub(DispatchBoardFeed feed) : Hub
{
    public const string Path = "/hubs/dispatch";

    public const string PoolMessage = "pool";

    private static readonly string[] Roles = ["reader", "dispatcher", "supervisor", "admin"];

    /// <summary>Starts sending the pool's changes to this connection and returns the current view.</summary>
    public Task<string> Watch(string poolId) =>
        Context.User is { } user && Roles.Any(user.IsInRole)
            ? feed.WatchAsync(poolId, Context.ConnectionId)
            : throw new HubException("Needs one of the roles: " + string.Join(", ", Roles) + ".");

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        feed.Forget(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
