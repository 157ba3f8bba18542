using CloudFilm.DicomNode.Hosting;
using CloudFilm.DicomNode.Notifications;
using CloudFilm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;

namespace CloudFilm.DicomNode.Tests.Support;

/// <summary>The node telling real StudyGrains on a two-silo cluster over the same PostgreSQL database.</summary>
public sealed class ClusterNodeFixture : NodeFixture
{
    public TestCluster Cluster { get; private set; } = null!;

    protected override async Task ConfigureNotificationsAsync(HostApplicationBuilder builder)
    {
        Cluster = await PostgresCluster.StartAsync(ConnectionString, "cf-" + Guid.NewGuid().ToString("N")[..8]);
        builder.Services.AddSingleton<IGrainFactory>(Cluster.Client);
        builder.AddStudyNotifications<StudyGrainArrivalTarget>();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
