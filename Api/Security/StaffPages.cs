namespace CloudFilm.Api.Security;

public static class StaffPages
{
    /// <summary><c>/login</c>: the staff sign-in page.</summary>
    public static WebApplication MapStaffPages(this WebApplication app)
    {
        app.MapGet("/login", (IWebHostEnvironment environment) =>
                Results.File(environment.WebRootFileProvider.GetFileInfo("staff/login.html").CreateReadStream(), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        return app;
    }
}
