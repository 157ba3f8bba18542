using CloudFilm.Api.DicomAdministration;
using CloudFilm.Api.DicomWeb;
using CloudFilm.Api.DicomWeb.Http;
using CloudFilm.Api.Dispatch;
using CloudFilm.Api.Health;
using CloudFilm.Api.Hosting;
using CloudFilm.Api.Imaging;
using CloudFilm.Api.Messaging;
using CloudFilm.Api.Patients;
using CloudFilm.Api.Patients.Queries;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Queues;
using CloudFilm.Api.Realtime;
using CloudFilm.Api.Reports;
using CloudFilm.Api.Security;
using CloudFilm.Api.Sharing;
using CloudFilm.Api.Sharing.Downloads;
using CloudFilm.Api.Sharing.Queries;
using CloudFilm.Api.Studies;
using CloudFilm.Database;
using CloudFilm.Hosting;
using Scalar.AspNetCore;

if (args is ["hash-password"])
{
    // For operators adding staff accounts: reads a password from standard input, prints its hash.
    Console.WriteLine(StaffAccounts.Hash(Console.ReadLine() ?? ""));
    return 0;
}

var builder = WebApplication.CreateBuilder(args);
builder.UseCloudFilmConsoleLogging();

if (!await HostStartup.PrepareDatabaseAsync("api", builder.Configuration.GetConnectionString("Postgres")))
{
    return 1;
}

builder.Services.AddCloudFilmDatabase(builder.Configuration);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
builder.Services.AddCloudFilmProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddCloudFilmRedis(builder.Configuration);
builder.Services.AddCloudFilmHealthChecks();
builder.Services.AddCloudFilmSms(builder.Configuration);
builder.Services.AddCloudFilmSystemKeys();
builder.Services.AddCloudFilmStaffAuthentication();
builder.Services.AddCloudFilmShareLinks();
builder.Services.AddSingleton<ISharedStudyQueries, SharedStudyQueries>();
builder.Services.AddSingleton<IPatientStudyQueries, PatientStudyQueries>();
builder.Services.AddSingleton<ReportDocuments>();
builder.Services.AddSingleton<ReportIntake>();
builder.Services.AddCloudFilmDispatch();
builder.Services.AddCloudFilmArchiveReading();
builder.Services.AddCloudFilmQueues();
builder.Services.AddCloudFilmDicomServices();
builder.Services.AddCloudFilmDicomWeb();
builder.AddCloudFilmOrleansClient("api");

var app = builder.Build();
app.UseCloudFilmProblemDetails();
app.UseStaticFiles();
app.UseDicomWebHttp();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapCloudFilmHealth();
app.MapHub<EventsHub>(EventsHub.Path);
app.MapHub<DispatchHub>(DispatchHub.Path);

var api = app.MapGroup("/api/v1");
api.MapStaffSessionApi();
api.MapStudiesApi();
api.MapPatientsApi();
api.MapReportsApi();
api.MapSharingApi();
api.MapPatientShareApi();
api.MapDispatchConfigApi();
api.MapDispatchTasksApi();
api.MapWorklistApi();
api.MapSharedImagesApi();
api.MapDownloadsApi();
api.MapQueuesApi();
api.MapScreensApi();
api.MapDicomPeersApi();
api.MapReconciliationApi();
api.MapStudyImagesApi();
api.MapMeasurementsApi();
api.MapRetrieveApi();
api.MapAiPushApi();
app.MapPrintApi(api);
app.MapSoapReportService();
app.MapDicomWeb();
app.MapPatientPages();
app.MapStaffPages();
app.MapDispatchPages();
app.MapReconciliationPages();
app.MapQueueScreens();

await app.RunAsync();
return 0;

/// <summary>The Api host's entry point (public so integration tests can start it).</summary>
public partial class Program;
