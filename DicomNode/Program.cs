using CloudFilm.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

// The DICOM front node. For now it joins the cluster as a client; the DICOM services arrive with the toolkit.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseCloudFilmConsoleLogging();

if (!await HostStartup.PrepareDatabaseAsync("dicomnode", builder.Configuration.GetConnectionString("Postgres")))
{
    return 1;
}

builder.AddCloudFilmOrleansClient("dicomnode");
await builder.Build().RunAsync();
return 0;
