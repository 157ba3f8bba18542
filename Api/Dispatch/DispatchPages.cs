using CloudFilm.Api.Security;

namespace CloudFilm.Api.Dispatch;

public static class DispatchPages
{
    /// <summary>
    /// <c>/board</c>: the live dispatch board; <c>/board/manage</c>: workstations and the week's roster;
    /// <c>/worklist</c>: a reader's own tasks. All need a signed-in staff member.
    /// </summary>
    public static WebApplication MapDispatchPages(this WebApplication app)
    {
        app.MapGet("/board", (IWebHostEnvironment environment) => Page(environment, "board/index.html")).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/board/manage", (IWebHostEnvironment environment) => Page(environment, "board/manage.html")).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/worklist", (IWebHostEnvironment environment) => Page(environment, "worklist/index.html")).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static IResult Page(IWebHostEnvironment environment, string path) =>
        Results.File(environment.WebRootFileProvider.GetFileInfo(path).CreateReadStream(), "text/html; charset=utf-8");
}
