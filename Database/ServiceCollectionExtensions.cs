using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudFilm.Database;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="NpgsqlDataSource"/> per process (one connection pool) and the migrator.
    /// </summary>
    public static IServiceCollection AddCloudFilmDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(DatabaseConfiguration.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{DatabaseConfiguration.ConnectionStringName} is not set");
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }
}
