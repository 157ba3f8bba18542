using System.Net.Sockets;
using Npgsql;

namespace CloudFilm.Database;

/// <summary>
/// The first thing every host does: reach PostgreSQL. When it cannot, the host says so in one line naming the
/// server and the reason, and exits — instead of retrying with a stack trace per attempt.
/// </summary>
public static class StartupCheck
{
    /// <summary>Returns null when PostgreSQL answers, else one line describing what could not be reached and why.</summary>
    public static async Task<string?> ProbePostgresAsync(string? connectionString, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return $"no PostgreSQL connection string: set ConnectionStrings:{DatabaseConfiguration.ConnectionStringName} (environment ConnectionStrings__{DatabaseConfiguration.ConnectionStringName})";
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            return $"invalid PostgreSQL connection string in ConnectionStrings:{DatabaseConfiguration.ConnectionStringName}: {e.Message}";
        }

        var target = $"PostgreSQL at {builder.Host}:{builder.Port} (database {builder.Database})";
        builder.Timeout = Math.Max(1, (int)timeout.TotalSeconds);
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (NpgsqlException e)
        {
            return $"cannot reach {target}: {Reason(e)}";
        }
        catch (TimeoutException)
        {
            return $"cannot reach {target}: no answer within {timeout.TotalSeconds:0} s";
        }
    }

    private static string Reason(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.Message;
            }
            if (inner is PostgresException postgres)
            {
                return $"{postgres.SqlState} {postgres.MessageText}";
            }
        }
        return e.Message;
    }
}
