using CloudFilm.Api.Hosting;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using CloudFilm.Grains.Abstractions.Queues;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.Queues;

/// <summary>
/// <c>/api/v1/queues</c>: queue configuration (administrators), ticket issue (registration systems, idempotent per
/// exam) and the caller console's commands. Console commands take an <c>Idempotency-Key</c> header: a repeated key
/// (a double click, a retry) acts once and answers the first result again.
/// </summary>
public static class QueuesApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private static readonly string[] ConfigRoles = ["supervisor", "admin"];
    private static readonly string[] CallerRoles = ["queue", "reader", "supervisor", "admin"];

    public static RouteGroupBuilder MapQueuesApi(this RouteGroupBuilder api)
    {
        var queues = api.MapGroup("/queues/{queueId}").WithTags("Queues");
        queues.MapPut("/", ConfigureAsync).RequireStaff(ConfigRoles).WithName("ConfigureQueue")
            .WithSummary("Create or change a queue: campus, rooms, ordering rules, voice template.")
            .Accepts<QueueDefinition>("application/json").ProducesValidationProblem();
        queues.MapGet("/", GetAsync).RequireStaff(CallerRoles).WithName("GetQueue").WithSummary("A queue's definition.");

        queues.MapPost("/tickets", IssueAsync).RequireSystemKey().WithName("IssueTicket")
            .WithSummary("Issue a ticket for an exam (idempotent per exam id and service day): number and slip text.")
            .Accepts<TicketRequest>("application/json").ProducesValidationProblem();
        queues.MapGet("/tickets", TicketsAsync).RequireStaff(CallerRoles).WithName("ListTickets").WithSummary("Today's tickets, by number.");
        queues.MapGet("/snapshot", SnapshotAsync).RequireStaff(CallerRoles).WithName("QueueSnapshot")
            .WithSummary("What screens show (masked names), at a revision.");

        var room = queues.MapGroup("/rooms/{roomId}").RequireStaff(CallerRoles);
        room.MapPost("/call-next", (string queueId, string roomId, HttpContext http, IClusterClient cluster) =>
            Answer(cluster.Queue(queueId).CallNextAsync(roomId, RequestId(http)))).WithName("CallNext").WithSummary("Call the next patient (顺呼).");
        room.MapPost("/recall", (string queueId, string roomId, HttpContext http, IClusterClient cluster) =>
            Answer(cluster.Queue(queueId).RecallAsync(roomId, RequestId(http))!)).WithName("Recall").WithSummary("Call the current patient again (复呼).");
        room.MapPost("/select", SelectAsync).WithName("SelectPatient").WithSummary("Call a chosen patient (选呼).").Accepts<SelectRequest>("application/json");
        room.MapPost("/missed", (string queueId, string roomId, HttpContext http, IClusterClient cluster) =>
            Answer(cluster.Queue(queueId).MarkMissedAsync(roomId, RequestId(http))!)).WithName("MarkMissed").WithSummary("The current patient did not come (过号).");
        room.MapPost("/complete", (string queueId, string roomId, HttpContext http, IClusterClient cluster) =>
            Answer(cluster.Queue(queueId).CompleteAsync(roomId, RequestId(http))!)).WithName("CompleteCurrent").WithSummary("The current patient is done.");
        room.MapPost("/pause", (string queueId, string roomId, HttpContext http, IClusterClient cluster) =>
            NoContent(cluster.Queue(queueId).SetRoomPausedAsync(roomId, true, RequestId(http)))).WithName("PauseRoom").WithSummary("Stop calling in this room.");
        room.MapPost("/resume", (string queueId, string roomId, HttpContext http, IClusterClient cluster) =>
            NoContent(cluster.Queue(queueId).SetRoomPausedAsync(roomId, false, RequestId(http)))).WithName("ResumeRoom").WithSummary("Call in this room again.");

        var ticket = queues.MapGroup("/tickets/{number:int}").RequireStaff(CallerRoles);
        ticket.MapPost("/return", (string queueId, int number, HttpContext http, IClusterClient cluster) =>
            Answer(cluster.Queue(queueId).ReturnMissedAsync(number, RequestId(http))!)).WithName("ReturnMissed")
            .WithSummary("A missed patient is back: re-insert by the queue's rule.");
        ticket.MapPost("/transfer", TransferAsync).WithName("TransferTicket")
            .WithSummary("Move a patient to another room of this queue or to another queue.").Accepts<TransferRequest>("application/json");
        return api;
    }

    internal static IQueueGrain Queue(this IClusterClient cluster, string queueId) => cluster.GetGrain<IQueueGrain>(QueueKeys.GrainKey(queueId));

    private static string RequestId(HttpContext http) =>
        http.Request.Headers[IdempotencyHeader].FirstOrDefault() is { Length: > 0 and <= 100 } key ? key : Guid.NewGuid().ToString("N");

    private static async Task<Results<Ok<TicketView>, NoContent>> Answer(Task<TicketView?> command) =>
        await command is { } ticket ? TypedResults.Ok(ticket) : TypedResults.NoContent();

    private static async Task<NoContent> NoContent(Task command)
    {
        await command;
        return TypedResults.NoContent();
    }

    private static async Task<Ok<QueueDefinition>> ConfigureAsync(string queueId, HttpRequest request, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<QueueDefinition>(request, ApiJson.Options, cancellationToken);
        var definition = QueueRequestValidator.Definition(queueId, body);
        return TypedResults.Ok(await cluster.Queue(queueId).ConfigureAsync(definition));
    }

    private static async Task<Results<Ok<QueueDefinition>, ProblemHttpResult>> GetAsync(string queueId, IClusterClient cluster) =>
        await cluster.Queue(queueId).GetDefinitionAsync() is { } definition
            ? TypedResults.Ok(definition)
            : ProblemCatalogue.QueueNotConfigured.Answer(queueId);

    private static async Task<Results<Created<TicketView>, Ok<TicketView>, ProblemHttpResult>> IssueAsync(
        string queueId, HttpRequest request, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var body = QueueRequestValidator.Ticket(await JsonBody.ReadAsync<TicketRequest>(request, ApiJson.Options, cancellationToken));
        var queue = cluster.Queue(queueId);
        if (await queue.GetDefinitionAsync() is null)
        {
            return ProblemCatalogue.QueueNotConfigured.Answer(queueId);
        }
        var issued = await queue.IssueAsync(body);
        return issued.Created
            ? TypedResults.Created($"/api/v1/queues/{queueId}/tickets/{issued.Ticket.Number}", issued.Ticket)
            : TypedResults.Ok(issued.Ticket);
    }

    private static async Task<Ok<IReadOnlyList<TicketView>>> TicketsAsync(string queueId, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.Queue(queueId).GetTicketsAsync());

    private static async Task<Ok<QueueScreenSnapshot>> SnapshotAsync(string queueId, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.Queue(queueId).GetScreenSnapshotAsync());

    private static async Task<Results<Ok<TicketView>, NoContent>> SelectAsync(
        string queueId, string roomId, HttpRequest request, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<SelectRequest>(request, ApiJson.Options, cancellationToken);
        if (body?.Number is not { } number || number < 1)
        {
            throw RequestValidationException.For("number", "Required: the ticket number to call.");
        }
        return await Answer(cluster.Queue(queueId).SelectAsync(roomId, number, RequestId(request.HttpContext))!);
    }

    private static async Task<Ok<TicketView>> TransferAsync(
        string queueId, int number, HttpRequest request, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<TransferRequest>(request, ApiJson.Options, cancellationToken);
        if (body is null || (string.IsNullOrWhiteSpace(body.RoomId) && string.IsNullOrWhiteSpace(body.QueueId)))
        {
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["roomId"] = ["Give a room, a queue, or both."],
                ["queueId"] = ["Give a room, a queue, or both."],
            });
        }
        var target = string.IsNullOrWhiteSpace(body.QueueId) ? queueId : body.QueueId;
        return TypedResults.Ok(await cluster.Queue(queueId).TransferToQueueAsync(number, target, body.RoomId, RequestId(request.HttpContext)));
    }
}
