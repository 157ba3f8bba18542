using CloudFilm.Grains.Projections;
using CloudFilm.Grains.Sharing;
using CloudFilm.Silo.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using System.Text.Json.Serialization;
using Orleans.Configuration;
using Orleans.Serialization;

namespace CloudFilm.Silo.Hosting;

/// <summary>
/// Everything a CloudFilm silo needs besides its endpoints: PostgreSQL membership, JSON grain state,
/// reminders, and the services grains use. Shared by the silo host and the test clusters, so tests run the
/// configuration that production runs.
/// </summary>
public static class SiloConfiguration
{
    public static ISiloBuilder AddCloudFilmProviders(this ISiloBuilder silo, string postgresConnectionString, bool useAdoNetClustering = true)
    {
        if (useAdoNetClustering)
        {
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = postgresConnectionString;
            });
        }

        silo.AddAdoNetGrainStorage(CloudFilm.Grains.GrainStorage.Name, o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = postgresConnectionString;
        });
        silo.UseSystemTextJsonGrainStorageSerializer();
        // Enum values as names, so an operator reading the jsonb state sees "Emergency", not 2.
        silo.Services.Configure<SystemTextJsonGrainStorageSerializerOptions>(o =>
            o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = postgresConnectionString;
        });

        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton(_ => NpgsqlDataSource.Create(postgresConnectionString));
        silo.Services.TryAddSingleton<IProjectionWriter, PostgresProjectionWriter>();
        silo.Services.TryAddSingleton<IDispatchProjectionWriter, PostgresDispatchProjectionWriter>();
        silo.Services.TryAddSingleton<IQueueProjectionWriter, PostgresQueueProjectionWriter>();
        silo.Services.TryAddSingleton<IQueueDirectory, PostgresQueueDirectory>();
        silo.Services.AddOptions<SharingOptions>().BindConfiguration(SharingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.TryAddSingleton(new SharePolicy(new SharePolicyOptions()));
        silo.Services.Configure<ClusterMembershipOptions>(o =>
        {
            // Notice a dead silo in seconds rather than the default minutes: grains move on quickly.
            o.ProbeTimeout = TimeSpan.FromSeconds(3);
            o.NumMissedProbesLimit = 2;
        });
        return silo;
    }
}
