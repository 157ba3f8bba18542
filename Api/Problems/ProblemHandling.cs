using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CloudFilm.Api.Problems;

/// <summary>
/// The one place that turns errors into RFC 9457 problem details. Client mistakes (validation) become 4xx naming
/// the field; anything else is our bug: 500 with the trace id to find it in the log, and no internals in the body.
/// </summary>
public static class ProblemHandling
{
    public static IServiceCollection AddCloudFilmProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });

    public static WebApplication UseCloudFilmProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e switch
            {
                RequestValidationException => StatusCodes.Status400BadRequest,
                BadHttpRequestException bad => bad.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            },
            ExceptionHandler = WriteProblemAsync,
        });
        app.UseStatusCodePages();
        return app;
    }

    private static async Task WriteProblemAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        ProblemDetails problem = error switch
        {
            RequestValidationException invalid => new HttpValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Title = "The request is not valid.",
                Status = StatusCodes.Status400BadRequest,
                Detail = string.Join(" ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
            },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read.", Detail = bad.Message },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = "The error was logged with the trace id of this response.",
            },
        };
        context.Response.StatusCode = problem.Status ?? 500;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = error });
    }
}
