using CloudFilm.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CloudFilm.Hosting.Tests;

/// <summary>What every host does first: reach PostgreSQL or exit with one line saying why, then bring the schema up to date.</summary>
public class HostStartupTests
{
    [Fact]
    public async Task An_unreachable_postgres_stops_the_host_with_one_line_naming_the_host_and_the_server()
    {
        var port = ExternalProcess.FreeTcpPort();

        var (ready, errors) = await PrepareAsync("silo", $"Host=127.0.0.1;Port={port};Database=cloudfilm;Username=cloudfilm");

        ready.Should().BeFalse();
        errors.Should().ContainSingle().Which.Should().StartWith($"cloudfilm silo: cannot reach PostgreSQL at 127.0.0.1:{port} (database cloudfilm): ");
    }

    [Fact]
    public async Task A_missing_connection_string_stops_the_host_naming_the_setting()
    {
        var (ready, errors) = await PrepareAsync("api", null);

        ready.Should().BeFalse();
        errors.Should().ContainSingle().Which.Should().StartWith("cloudfilm api: no PostgreSQL connection string: set ConnectionStrings:Postgres");
    }

    [Fact]
    public async Task An_empty_database_gets_every_migration_and_the_host_goes_on()
    {
        var connectionString = await PostgresServer.Instance.CreateEmptyDatabaseAsync("hosting");

        var (ready, errors) = await PrepareAsync("dicom", connectionString);

        ready.Should().BeTrue(string.Join('\n', errors));
        errors.Should().BeEmpty();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        (await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).ApplyAsync()).Should().BeEmpty("every migration was applied");
    }

    [Fact]
    public async Task A_migration_changed_after_it_was_applied_stops_the_host_with_one_line()
    {
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("hosting");
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await using var tamper = dataSource.CreateCommand("UPDATE schema_migrations SET sha256 = 'x' WHERE version = 1");
            await tamper.ExecuteNonQueryAsync();
        }

        var (ready, errors) = await PrepareAsync("silo", connectionString);

        ready.Should().BeFalse();
        errors.Should().ContainSingle().Which.Should()
            .StartWith("cloudfilm silo: database migration failed: migration 0001_orleans_queries.sql was changed after it was applied");
    }

    /// <summary>Runs the start-up as a host does and returns what it wrote to standard error, line by line.</summary>
    private static async Task<(bool Ready, string[] Errors)> PrepareAsync(string hostName, string? connectionString)
    {
        var original = Console.Error;
        using var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            var ready = await HostStartup.PrepareDatabaseAsync(hostName, connectionString);
            return (ready, captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Console.SetError(original);
        }
    }
}
