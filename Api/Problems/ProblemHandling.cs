using System.Diagnostics;
using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Abstractions.Queues;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CloudFilm.Api.Problems;

/// <summary>
/// The one place that turns refusals into RFC 9457 problem details. Endpoints answer a <see cref="ProblemType"/> of the
/// <see cref="ProblemCatalogue"/> or throw a validation or domain exception, which is mapped here; anything else is our
/// bug: 500 with the trace id to find it in the log, and no internals in the body. Every problem is written in the
/// language the request's <c>Accept-Language</c> asks for (Chinese unless English is preferred).
/// </summary>
public static class ProblemHandling
{
    public static IServiceCollection AddCloudFilmProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var language = ProblemLanguages.Of(context.HttpContext);
            if (problem is CataloguedProblemDetails catalogued)
            {
                catalogued.Localize(language);
            }
            else if (!problem.Extensions.ContainsKey("code") && ProblemCatalogue.ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode) is { } kind)
            {
                // A bare status the framework answered by itself (no such route, wrong method, not signed in for a hub).
                problem.Type = kind.Type;
                problem.Title = kind.Title.In(language);
                problem.Extensions["code"] = kind.Code;
            }
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });

    public static WebApplication UseCloudFilmProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteProblemAsync,
            // Refusals answered 404 (a queue's unknown room) are answers, not a missing error page.
            AllowStatusCode404Response = true,
            // Only bugs are logged as unhandled errors; a refusal is the caller's mistake.
            SuppressDiagnosticsCallback = context => Refusal(context.Exception) is not null,
        });
        app.UseStatusCodePages();
        app.MapProblemTypes();
        return app;
    }

    /// <summary>The problem a refusal exception stands for, or null when the exception is a bug.</summary>
    public static CataloguedProblemDetails? Refusal(Exception? error) => error switch
    {
        RequestValidationException invalid => Invalid(invalid.Errors),
        QueueRuleException refused => DomainProblems.For(refused.Refusal).ExplainedDetails(refused.Message),
        DispatchRefusedException refused => DomainProblems.For(refused.Outcome).Details(),
        BadHttpRequestException bad => Unreadable(bad),
        _ => null,
    };

    private static CataloguedProblemDetails Invalid(IReadOnlyDictionary<string, string[]> errors)
    {
        var problem = ProblemCatalogue.InvalidRequest.Details(
            string.Join("、", errors.Keys), string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        problem.Extensions["errors"] = errors.ToDictionary(e => e.Key, e => e.Value);
        return problem;
    }

    private static CataloguedProblemDetails Unreadable(BadHttpRequestException bad)
    {
        var problem = ProblemCatalogue.UnreadableRequest.Details(bad.Message);
        problem.Status = bad.StatusCode;
        return problem;
    }

    private static async Task WriteProblemAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var problem = Refusal(error) ?? ProblemCatalogue.UnexpectedError.Details();
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = error });
    }
}
