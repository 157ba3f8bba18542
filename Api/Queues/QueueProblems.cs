
using CloudFilm.Grains.Abstractions.Queues;

namespace CloudFilm.Api.Queues;

/// <summary>Answers a queue's refusal as problem+json: unknown things 404, a state that does not allow the command 409.</summary>
public static class QueueProblems
{
    public static TBuilder MapQueueRefusals<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (QueueRuleException refused)
            {
                var status = refused.Refusal switch
                {
                    QueueRefusal.NotConfigured or QueueRefusal.UnknownRoom or QueueRefusal.UnknownTicket => StatusCodes.Status404NotFound,
                    QueueRefusal.InvalidDefinition => StatusCodes.Status400BadRequest,
                    _ => StatusCodes.Status409Conflict,
                };
                return TypedResults.Problem(title: "The queue refused the command.", detail: refused.Message, statusCode: status,
                    extensions: new Dictionary<string, object?> { ["refusal"] = refused.Refusal.ToString() });
            }
        });
}
