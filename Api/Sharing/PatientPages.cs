namespace CloudFilm.Api.Sharing;

public static class PatientPages
{
    /// <summary><c>/s/{token}</c>: the patient's page (static; it reads everything through the share API).</summary>
    public static WebApplication MapPatientPages(this WebApplication app)
    {
        app.MapGet("/s/{token}", (IWebHostEnvironment environment) =>
                Results.File(environment.WebRootFileProvider.GetFileInfo("share/index.html").CreateReadStream(), "text/html; charset=utf-8"))
            .ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                // The token is in the address: never send it on as a Referer, never cache the page.
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                context.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
                return await next(context);
            });
        app.MapGet("/d/{id}", (IWebHostEnvironment environment, HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers["Referrer-Policy"] = "no-referrer";
                return Results.File(environment.WebRootFileProvider.GetFileInfo("share/download.html").CreateReadStream(), "text/html; charset=utf-8");
            })
            .ExcludeFromDescription();
        return app;
    }
}
