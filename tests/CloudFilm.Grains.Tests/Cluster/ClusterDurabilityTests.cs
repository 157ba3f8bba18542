using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Grains.Tests.Studies;
using CloudFilm.Testing;

using Orleans.Runtime;

namespace CloudFilm.Grains.Tests.Cluster;

public class ClusterDurabilityTests
{
    [Fact]
    public async Task Grain_state_survives_killing_the_silo_that_held_it()
    {
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("kill");
        var cluster = await PostgresCluster.StartAsync(connectionString, "cf-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var accession = StudyRegistrations.UniqueAccession();
            var grain = cluster.Client.GetGrain<IStudyGrain>(StudyKeys.GrainKey(accession));
            await grain.RegisterAsync(StudyRegistrations.Chest(accession, name: "王五"));

            var host = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
            var holder = cluster.Silos.Single(s => s.SiloAddress.Equals(host));
            await cluster.KillSiloAsync(holder);

            var study = await PostgresCluster.UntilAnsweredAsync(() => grain.GetAsync(), TimeSpan.FromSeconds(60));
            study!.Patient.Name.Should().Be("王五");
            var newHost = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
            newHost.Should().NotBe(holder.SiloAddress);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task State_survives_a_full_cluster_restart()
    {
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("restart");
        var serviceId = "cf-" + Guid.NewGuid().ToString("N")[..8];
        var accession = StudyRegistrations.UniqueAccession();

        var first = await PostgresCluster.StartAsync(connectionString, serviceId);
        await first.Client.GetGrain<IStudyGrain>(StudyKeys.GrainKey(accession)).RegisterAsync(StudyRegistrations.Chest(accession, name: "赵六"));
        await first.StopAllSilosAsync();
        await first.DisposeAsync();

        var second = await PostgresCluster.StartAsync(connectionString, serviceId);
        try
        {
            var study = await second.Client.GetGrain<IStudyGrain>(StudyKeys.GrainKey(accession)).GetAsync();
            study.Should().NotBeNull();
            study!.Patient.Name.Should().Be("赵六");
            study.Revision.Should().Be(1);
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }
}
