using CloudFilm.Api.Hosting;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using CloudFilm.Grains.Abstractions.Queues;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.Queues;

/// <summary>A new device token, shown once.</summary>
public sealed record DeviceTokenResponse(string ScreenId, string Token, string PageUrl);

/// <summary>
/// <c>/api/v1/screens</c>: screen configuration and device tokens (administrators), and the screen's own view for
/// devices without SignalR (a hardware voice box polls it with its token in <c>X-Device-Token</c>).
/// </summary>
public static class ScreensApi
{
    private static readonly string[] ConfigRoles = ["supervisor", "admin"];

    public static RouteGroupBuilder MapScreensApi(this RouteGroupBuilder api)
    {
        var screens = api.MapGroup("/screens/{screenId}").WithTags("Screens");
        screens.MapPut("/", ConfigureAsync).RequireStaff(ConfigRoles).WithName("ConfigureScreen")
            .WithSummary("Create or change a hall or room-door screen: campus, area, regions, notice line, theme.")
            .Accepts<ScreenDefinition>("application/json").ProducesValidationProblem();
        screens.MapPost("/token", TokenAsync).RequireStaff(ConfigRoles).WithName("IssueDeviceToken")
            .WithSummary("Issue the screen's device token (the previous one stops working). Shown only here.");
        screens.MapGet("/view", ViewAsync).WithName("ScreenView")
            .WithSummary("The screen's configuration and its queues' snapshots, for the holder of its device token.");
        return api;
    }

    private static async Task<Ok<ScreenDefinition>> ConfigureAsync(string screenId, HttpRequest request, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ScreenDefinition>(request, ApiJson.Options, cancellationToken);
        var definition = QueueRequestValidator.Screen(screenId, body);
        // A screen is bound to a campus: each region must name a queue of that campus (and rooms of that queue).
        var errors = new RequestErrors();
        for (var i = 0; i < definition.Regions.Count; i++)
        {
            var region = definition.Regions[i];
            if (await cluster.Queue(region.QueueId).GetDefinitionAsync() is not { } queue)
            {
                errors.Add($"regions[{i}].queueId", $"No queue {region.QueueId} is configured.");
            }
            else if (queue.Campus != definition.Campus)
            {
                errors.Add($"regions[{i}].queueId", $"Queue {region.QueueId} belongs to campus {queue.Campus}, not {definition.Campus}.");
            }
            else if (region.RoomIds?.FirstOrDefault(r => queue.Rooms.All(x => x.RoomId != r)) is { } unknownRoom)
            {
                errors.Add($"regions[{i}].roomIds", $"Queue {region.QueueId} has no room {unknownRoom}.");
            }
        }
        errors.ThrowIfAny();
        return TypedResults.Ok(await cluster.GetGrain<IScreenGrain>(ScreenKeys.GrainKey(screenId)).ConfigureAsync(definition));
    }

    private static async Task<Results<Ok<DeviceTokenResponse>, ProblemHttpResult>> TokenAsync(string screenId, IClusterClient cluster)
    {
        var grain = cluster.GetGrain<IScreenGrain>(ScreenKeys.GrainKey(screenId));
        if (await grain.GetAsync() is not { } screen)
        {
            return ProblemCatalogue.ScreenNotFound.Answer(screenId);
        }
        var token = DeviceTokens.New(screenId);
        await grain.SetTokenHashAsync(DeviceTokens.Hash(token));
        var page = screen.Kind == ScreenKind.Hall ? "hall" : "room";
        return TypedResults.Ok(new DeviceTokenResponse(screenId, token, $"/screens/{page}/{Uri.EscapeDataString(screenId)}#token={Uri.EscapeDataString(token)}"));
    }

    private static async Task<Results<Ok<ScreenView>, ProblemHttpResult>> ViewAsync(string screenId, HttpRequest request, IClusterClient cluster)
    {
        var token = request.Headers[DeviceTokens.Header].FirstOrDefault();
        if (token is null || DeviceTokens.ScreenOf(token) != screenId
            || await cluster.GetGrain<IScreenGrain>(ScreenKeys.GrainKey(screenId)).AuthorizeAsync(DeviceTokens.Hash(token)) is not { } screen)
        {
            return ProblemCatalogue.DeviceTokenRequired.Answer(DeviceTokens.Header);
        }
        var snapshots = new List<QueueScreenSnapshot>();
        foreach (var queueId in screen.Regions.Select(r => r.QueueId).Distinct())
        {
            snapshots.Add(await cluster.Queue(queueId).GetScreenSnapshotAsync());
        }
        return TypedResults.Ok(new ScreenView(screen, snapshots));
    }
}
