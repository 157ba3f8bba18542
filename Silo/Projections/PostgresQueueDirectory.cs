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
            WHERE campus = @campus AND (definition -> 'examTypes') ?| ARRAY[@modality, @examItem]
            ORDER BY queue_id LIMIT 1
            """);
        command.Parameters.AddWithValue("campus", campus);
        command.Parameters.AddWithValue("modality", modality);
        command.Parameters.AddWithValue("examItem", examItem);
        return await command.ExecuteScalarAsync() as string;
    }
}
