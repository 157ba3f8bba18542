using CloudFilm.Api.DicomWeb;
using CloudFilm.Api.DicomWeb.Access;
using CloudFilm.Api.DicomWeb.Http;
using CloudFilm.Api.Problems;
using CloudFilm.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CloudFilm.Api.Tests.DicomWeb;

/// <summary>
/// The Api as it runs, on the test servers of <see cref="ApiFixture"/> (created first, by the collection), with a
/// probe mounted under both DICOMweb roots the way a resource family is: it answers what the access filters
/// established, and a JSON, a DICOM and a pixel body to see the shared HTTP behaviour. Also configured: a CORS
/// origin, a system key without the <c>dicomweb</c> permission, and a staff account without roles.
/// </summary>
public sealed class DicomWebProbeHost : IAsyncLifetime
{
    public const string KeyWithoutDicomWeb = "test-his-key-without-dicomweb";
    public const string ViewerOrigin = "https://viewer.example:8443";

    public WebApplicationFactory<Program> Api { get; } = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
    {
        host.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DicomWeb:Cors:Origins:0"] = ViewerOrigin,
            ["Integration:Systems:1:Name"] = "his",
            ["Integration:Systems:1:KeySha256"] = Security.SystemKeys.Hash(KeyWithoutDicomWeb),
            ["Staff:Users:2:Name"] = "visitor",
            ["Staff:Users:2:DisplayName"] = "访客",
            ["Staff:Users:2:PasswordHash"] = ApiHostEnvironment.StaffUsers[1].PasswordHash, // nurse-pass-1
            ["Staff:Users:2:Roles"] = "",
        }));
        host.ConfigureTestServices(services => services.AddSingleton(new DicomWebResources(MapProbe)));
    });

    private static void MapProbe(RouteGroupBuilder root)
    {
        root.MapGet("/probe/studies/{study}", (string study, HttpContext http) =>
        {
            var caller = http.DicomWebCaller();
            return caller.MaySee(study)
                ? Results.Json(new
                {
                    kind = caller.Kind.ToString(), name = caller.Name, deidentify = caller.Deidentify, studies = caller.Studies?.Order().ToArray(),
                    padding = string.Join(",", Enumerable.Repeat(study, 100)),
                }, contentType: DicomMediaTypes.DicomJson)
                : ProblemCatalogue.DicomStudyNotFound.Answer(study);
        }).WithName("ProbeStudy");
        root.MapPost("/probe/studies", (HttpContext http) => Results.Json(new { kind = http.DicomWebCaller().Kind.ToString() })).WithName("ProbeStore");
        root.MapGet("/probe/frames", (HttpContext http) =>
        {
            http.DicomWebCaller();
            return Results.Bytes(new byte[64 * 1024], DicomMediaTypes.OctetStream);
        }).WithName("ProbeFrames");
        root.MapGet("/probe/instances", (HttpContext http) =>
        {
            http.DicomWebCaller();
            return Results.Bytes(new byte[64 * 1024], $"{DicomMediaTypes.MultipartRelated}; type=\"{DicomMediaTypes.Dicom}\"; boundary=b");
        }).WithName("ProbeInstances");
        root.MapGet("/probe/cached", (HttpContext http) =>
        {
            http.DicomWebCaller();
            http.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.Json(new { ok = true }, contentType: DicomMediaTypes.DicomJson);
        }).WithName("ProbeCached");
    }

    public Task InitializeAsync()
    {
        _ = Api.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
