using CloudFilm.Api.DicomWeb.Access;
using CloudFilm.Api.DicomWeb.Http;
using CloudFilm.Api.Problems;
using CloudFilm.Archive.Query;

namespace CloudFilm.Api.DicomWeb.Query;

/// <summary>
/// QIDO-RS (PS3.18 10.6): searches for studies, series and instances over the archive's index, restricted to the
/// studies the caller may see inside the SQL. Answers <c>application/dicom+json</c> (or
/// <c>multipart/related; type="application/dicom+xml"</c>), 204 when nothing matches, and a Warning when more results
/// remain. The conformance statement is docs/dicomweb-conformance.md, "QIDO-RS".
/// </summary>
public static class QidoRsApi
{
    public static RouteGroupBuilder MapQidoRs(this RouteGroupBuilder dicomweb)
    {
        Map(dicomweb, "studies", "QidoSearchStudies", "Search for studies", QidoLevel.Study);
        Map(dicomweb, "series", "QidoSearchSeries", "Search for series in every study", QidoLevel.Series);
        Map(dicomweb, "instances", "QidoSearchInstances", "Search for instances in every study", QidoLevel.Instance);
        Map(dicomweb, "studies/{study}/series", "QidoSearchStudySeries", "Search for the series of a study", QidoLevel.Series);
        Map(dicomweb, "studies/{study}/instances", "QidoSearchStudyInstances", "Search for the instances of a study", QidoLevel.Instance);
        Map(dicomweb, "studies/{study}/series/{series}/instances", "QidoSearchSeriesInstances", "Search for the instances of a series",
            QidoLevel.Instance);
        return dicomweb;
    }

    private static void Map(RouteGroupBuilder dicomweb, string pattern, string name, string summary, QidoLevel level) =>
        dicomweb.MapGet(pattern, (HttpContext http, IndexQueries queries, string? study, string? series, CancellationToken cancellationToken) =>
                SearchAsync(http, queries, level, study, series, cancellationToken))
            .WithName(name)
            .WithSummary(summary)
            .WithDescription("QIDO-RS (PS3.18 10.6). Match keys by keyword or tag, includefield, fuzzymatching, limit, offset; see docs/dicomweb-conformance.md.")
            .Produces(StatusCodes.Status200OK, contentType: DicomMediaTypes.DicomJson)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status406NotAcceptable);

    private static async Task<IResult> SearchAsync(HttpContext http, IndexQueries queries, QidoLevel level, string? study, string? series,
        CancellationToken cancellationToken)
    {
        var request = QidoRequest.Read(http.Request.Query, level);
        var format = QidoResponse.Negotiate(request.Accept ?? http.Request.Headers.Accept.ToString());
        if (format is null)
        {
            return ProblemCatalogue.NotAcceptable.Answer(request.Accept ?? http.Request.Headers.Accept.ToString());
        }
        var caller = http.DicomWebCaller();
        var keys = request.Keys;
        if (study is not null)
        {
            keys["StudyInstanceUID"] = study;
        }
        if (series is not null)
        {
            keys["SeriesInstanceUID"] = series;
        }
        // One more than asked for tells whether results remain after this page.
        var window = new QueryWindow(request.Limit + 1, request.Offset)
        {
            Studies = caller.Studies,
            FuzzyNames = request.Fuzzy,
            MatchEveryLevel = true,
        };
        var matches = level switch
        {
            QidoLevel.Study => await queries.FindStudiesAsync(keys, window, cancellationToken),
            QidoLevel.Series => await queries.FindSeriesAsync(keys, window, cancellationToken),
            _ => await queries.FindInstancesAsync(keys, window, cancellationToken),
        };
        var more = matches.Count > request.Limit;
        if (more)
        {
            http.Response.Headers.Warning =
                $"299 {http.Request.Host}: \"The number of results exceeded the maximum supported by the server. Additional results can be requested.\"";
        }
        if (matches.Count == 0)
        {
            return TypedResults.NoContent();
        }
        IReadOnlyList<Dicom.DicomTag> tags = request.IncludeAll
            ? [.. QidoAttributes.All(level), .. QidoAttributes.Defaults(level, study is not null, series is not null)]
            : [.. QidoAttributes.Defaults(level, study is not null, series is not null), .. request.IncludeFields.Where(t => QidoAttributes.Holds(level, t))];
        var root = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{DicomWebSetup.Root}";
        var results = matches.Take(request.Limit).Select(match => QidoAttributes.ToDataset(match, tags, RetrieveUrl(root, level, match)));
        await QidoResponse.WriteAsync(http.Response, format.Value, results, caller.Deidentify, cancellationToken);
        return TypedResults.Empty;
    }

    /// <summary>The WADO-RS resource of a result (PS3.18 10.6.3.3: Retrieve URL of the study, series or instance).</summary>
    private static string RetrieveUrl(string root, QidoLevel level, QueryMatch match) => level switch
    {
        QidoLevel.Study => $"{root}/studies/{match["StudyInstanceUID"]}",
        QidoLevel.Series => $"{root}/studies/{match["StudyInstanceUID"]}/series/{match["SeriesInstanceUID"]}",
        _ => $"{root}/studies/{match["StudyInstanceUID"]}/series/{match["SeriesInstanceUID"]}/instances/{match["SOPInstanceUID"]}",
    };
}
