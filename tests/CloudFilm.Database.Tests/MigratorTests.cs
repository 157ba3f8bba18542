using CloudFilm.Database;
using CloudFilm.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CloudFilm.Database.Tests;

public class MigratorTests
{
    [Fact]
    public async Task Applying_twice_changes_nothing()
    {
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("migrate");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance);

        (await migrator.ApplyAsync()).Should().BeEmpty("the fixture already applied every migration");
        (await migrator.ApplyAsync()).Should().BeEmpty();
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM schema_migrations");
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(DatabaseMigrator.Embedded.Count);
    }

    [Fact]
    public async Task Concurrent_hosts_apply_each_migration_once()
    {
        var connectionString = await PostgresServer.Instance.CreateEmptyDatabaseAsync("migrate");

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            return await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).ApplyAsync();
        }));

        applied.Sum(a => a.Count).Should().Be(DatabaseMigrator.Embedded.Count);
    }

    [Fact]
    public async Task A_migration_changed_after_it_was_applied_is_refused()
    {
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("migrate");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var tamper = dataSource.CreateCommand("UPDATE schema_migrations SET sha256 = 'x' WHERE version = 1"))
        {
            await tamper.ExecuteNonQueryAsync();
        }

        var act = () => new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).ApplyAsync();

        (await act.Should().ThrowAsync<MigrationException>()).Which.Message.Should().Contain("0001_orleans_queries.sql");
    }

    [Fact]
    public void Migrations_are_numbered_in_order() =>
        DatabaseMigrator.Embedded.Select(m => m.Version).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems().And.StartWith(1);
}
