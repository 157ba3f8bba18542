using CloudFilm.Database;
using Npgsql;

namespace CloudFilm.Database.Tests;

/// <summary>What a host says in its first second when PostgreSQL is not there: one line naming the setting or the server and why.</summary>
public class StartupCheckTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public async Task A_missing_connection_string_names_the_setting_and_its_environment_variable(string? connectionString)
    {
        var problem = await StartupCheck.ProbePostgresAsync(connectionString, Patience);

        problem.Should().Contain("ConnectionStrings:Postgres").And.Contain("ConnectionStrings__Postgres");
    }

    [Fact]
    public async Task A_connection_string_that_does_not_parse_is_named_as_invalid()
    {
        var problem = await StartupCheck.ProbePostgresAsync("Host=127.0.0.1;Flavour=vanilla", Patience);

        problem.Should().StartWith("invalid PostgreSQL connection string in ConnectionStrings:Postgres");
    }

    [Fact]
    public async Task A_server_that_is_not_listening_is_one_line_naming_host_port_database_and_the_refusal()
    {
        var port = ExternalProcess.FreeTcpPort();

        var problem = await StartupCheck.ProbePostgresAsync($"Host=127.0.0.1;Port={port};Database=cloudfilm;Username=cloudfilm", Patience);

        problem.Should().StartWith($"cannot reach PostgreSQL at 127.0.0.1:{port} (database cloudfilm): ").And.Contain("refused");
        problem.Should().NotContain("\n", "the host prints it as one line, not a stack trace");
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_named_with_the_server_error()
    {
        var server = new NpgsqlConnectionStringBuilder(await PostgresServer.Instance.CreateDatabaseAsync("startup")) { Database = "no_such_database" };

        var problem = await StartupCheck.ProbePostgresAsync(server.ConnectionString, Patience);

        problem.Should().Contain("(database no_such_database): 3D000");
    }

    [Fact]
    public async Task A_reachable_server_is_no_problem()
    {
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("startup");

        (await StartupCheck.ProbePostgresAsync(connectionString, Patience)).Should().BeNull();
    }
}
