using CloudFilm.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CloudFilm.Testing;

/// <summary>
/// A real PostgreSQL for tests: the one named by <c>CLOUDFILM_TEST_PG</c> (what <c>./cloudfilm test</c> starts),
/// or else a throwaway cluster this process starts itself in a temporary directory on a free loopback port.
/// Every fixture takes a database of its own, with the migrations applied.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _adminConnectionString;

    private PostgresServer(string adminConnectionString) => _adminConnectionString = adminConnectionString;

    public static PostgresServer Instance => Shared.Value;

    /// <summary>Creates an empty database, applies the migrations, and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var connectionString = await CreateEmptyDatabaseAsync(purpose);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).ApplyAsync();
        return connectionString;
    }

    /// <summary>Creates a database with nothing in it, as a new installation finds it, and returns its connection string.</summary>
    public async Task<string> CreateEmptyDatabaseAsync(string purpose)
    {
        var name = $"cf_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
    }

    private static PostgresServer Start()
    {
        var given = Environment.GetEnvironmentVariable("CLOUDFILM_TEST_PG");
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new PostgresServer(given);
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException(
                "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin. Run the tests with ./cloudfilm test " +
                "(it installs PostgreSQL), or set CLOUDFILM_TEST_PG to a connection string of a running server.");
        }

        var dir = Path.Combine(Path.GetTempPath(), "cloudfilm-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var port = ExternalProcess.FreeTcpPort();
        string[] asPostgres = ExternalProcess.IsRoot ? ["runuser", "-u", "postgres", "--"] : [];
        if (ExternalProcess.IsRoot)
        {
            ExternalProcess.Run("chown", ["postgres:postgres", dir]);
        }
        RunAs(asPostgres, Path.Combine(bin, "initdb"), ["-D", dir, "-U", "cloudfilm", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        RunAs(asPostgres, Path.Combine(bin, "pg_ctl"),
            ["-D", dir, "-w", "-l", Path.Combine(dir, "postgres.log"), "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=1000", "start"]);
        var stop = string.Join(' ', [.. asPostgres, Path.Combine(bin, "pg_ctl"), "-D", dir, "-m", "immediate", "stop"]);
        ExternalProcess.WhenThisProcessEnds($"{stop} >/dev/null 2>&1; rm -rf '{dir}'");
        return new PostgresServer($"Host=127.0.0.1;Port={port};Database=postgres;Username=cloudfilm");
    }

    private static void RunAs(string[] prefix, string tool, string[] arguments)
    {
        if (prefix.Length == 0)
        {
            ExternalProcess.Run(tool, arguments);
        }
        else
        {
            ExternalProcess.Run(prefix[0], [.. prefix[1..], tool, .. arguments]);
        }
    }
}
