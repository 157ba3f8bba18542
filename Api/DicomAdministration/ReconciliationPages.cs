namespace CloudFilm.Api.DicomAdministration;

public static class ReconciliationPages
{
    /// <summary>
    /// <c>/reconciliation</c>: DICOM studies waiting to be matched to an order, with match and merge. Needs a signed-in
    /// staff member; the page itself tells staff without the supervisor or admin role that they may not use it.
    /// </summary>
    public static WebApplication MapReconciliationPages(this WebApplication app)
    {
        app.MapGet("/reconciliation", (IWebHostEnvironment environment) =>
                Results.File(environment.WebRootFileProvider.GetFileInfo("reconciliation/index.html").CreateReadStream(), "text/html; charset=utf-8"))
            .RequireAuthorization().ExcludeFromDescription();
        return app;
    }
}
