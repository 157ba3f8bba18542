using Microsoft.Extensions.Logging;
using Npgsql;

using CloudFilm.Database;

namespace CloudFilm.Hosting;

/// <summary>
/// What every CloudFilm host does before anything else: reach PostgreSQL (or say in one line why not) and bring
/// the schema up to date. Returns false when the host should exit with status 1.
/// </summary>
public static class HostStartup
{
    public static async Task<bool> PrepareDatabaseAsync(string hostName, string? connectionString, CancellationToken cancellationToken = default)
    {
        if (await StartupCheck.ProbePostgresAsync(connectionString, TimeSpan.FromSeconds(5), cancellationToken) is { } problem)
        {
            Console.Error.WriteLine($"cloudfilm {hostName}: {problem}");
            return false;
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString!);
            using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true));
            await new DatabaseMigrator(dataSource, loggers.CreateLogger<DatabaseMigrator>()).ApplyAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is MigrationException or NpgsqlException)
        {
            Console.Error.WriteLine($"cloudfilm {hostName}: database migration failed: {e.Message}");
            return false;
        }
    }
}
