using CloudFilm.DicomNode.Hosting;
using CloudFilm.DicomNode.Notifications;
using CloudFilm.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CloudFilm.DicomNode;

/// <summary>The DICOM front node: C-STORE into the blob store and index, then the StudyGrain is told (through the cluster).</summary>
internal static class DicomNodeProgram
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.UseCloudFilmConsoleLogging();

        if (!await HostStartup.PrepareDatabaseAsync("dicomnode", builder.Configuration.GetConnectionString("Postgres")))
        {
            return 1;
        }

        builder.AddDicomNode();
        // Decided before the container exists (it chooses what is registered), so read through the options class's own key.
        if (builder.Configuration.GetSection(DicomNodeOptions.Section).GetValue(nameof(DicomNodeOptions.NotifyStudies), new DicomNodeOptions().NotifyStudies))
        {
            // Without it (tools, crash tests) nothing is told and the index keeps what is due for a later node.
            builder.AddCloudFilmOrleansClient("dicomnode");
            builder.AddStudyNotifications<StudyGrainArrivalTarget>();
        }

        await builder.Build().RunAsync();
        return 0;
    }
}
