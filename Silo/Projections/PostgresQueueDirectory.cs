using CloudFilm.Grains.Projections;
using Npgsql;

namespace CloudFilm.Silo.Projections;

/// <summary>Looks up the queue of a campus and exam type in the queues query table (deploy/sql/0020).</summary>
public sealed class PostgresQueueDirectory(NpgsqlDataSource dataSource) : IQueueDirectory
{
    public async Task<string?> FindQueueAsync(string campus, string modality, string examItem)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT queue_id FROM queues
            WHERE campus = $1 AND (definition -> 'examTypes') ?| ARRAY[$2, $3]
            ORDER BY queue_id LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = campus });
        command.Parameters.Add(new NpgsqlParameter { Value = modality });
        command.Parameters.Add(new NpgsqlParameter { Value = examItem });
        return await command.ExecuteScalarAsync() as string;
    }
}
