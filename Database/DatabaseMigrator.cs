using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudFilm.Database;

/// <summary>
/// Applies the ordered SQL migrations in <c>deploy/sql/</c> (embedded in this assembly) once each, recording
/// what it applied in <c>schema_migrations</c>. Any number of hosts may start at once: a PostgreSQL advisory
/// lock lets one apply while the others wait, and a second run finds nothing to do.
/// </summary>
public sealed class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    // An arbitrary constant shared by every CloudFilm process: the key of the migration advisory lock.
    private const long MigrationLockKey = 0x436C_6F75_6446_696C; // "CloudFil"

    /// <summary>The migrations shipped with this build, in the order they apply.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    /// <summary>Applies every migration not yet applied. Returns the versions applied by this call.</summary>
    public async Task<IReadOnlyList<int>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", MigrationLockKey));
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    sha256     text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var done = new List<int>();
            foreach (var migration in Embedded)
            {
                if (applied.TryGetValue(migration.Version, out var sha))
                {
                    if (sha != migration.Sha256)
                    {
                        throw new MigrationException(
                            $"migration {migration.Name} was changed after it was applied (recorded sha256 {sha}, file {migration.Sha256}); add a new migration instead");
                    }
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO schema_migrations (version, name, sha256) VALUES (@version, @name, @sha)",
                    cancellationToken, ("version", migration.Version), ("name", migration.Name), ("sha", migration.Sha256));
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied database migration {Migration}", migration.Name);
                done.Add(migration.Version);
            }
            return done;
        }
        finally
        {
            await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", MigrationLockKey));
        }
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, sha256 FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("migrations/", StringComparison.Ordinal)))
        {
            var name = resource["migrations/".Length..];
            var digits = new string(name.TakeWhile(char.IsAsciiDigit).ToArray());
            if (digits.Length == 0 || !int.TryParse(digits, out var version))
            {
                throw new MigrationException($"migration file {name} does not start with its version number");
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd();
            var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
            migrations.Add(new Migration(version, name, sql, sha));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new MigrationException($"two migrations share version {migrations[i].Version}");
            }
        }
        return migrations;
    }
}

/// <summary>One migration file: its version (the leading number of the file name), name, text and hash.</summary>
public sealed record Migration(int Version, string Name, string Sql, string Sha256);

/// <summary>The migrations cannot be applied as shipped.</summary>
public sealed class MigrationException(string message) : Exception(message);
