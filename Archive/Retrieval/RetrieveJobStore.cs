using Npgsql;

namespace CloudFilm.Archive.Retrieval;

/// <summary>The <c>dicom_retrieve_jobs</c> table: the Api queues jobs, DicomNode workers run them.</summary>
public sealed class RetrieveJobStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, pacs, match_key, match_value, status, cardinality(study_uids), studies_done, instances_retrieved, instances_failed,
        error, created_by, created_at, updated_at
        """;

    public async Task<RetrieveJob> QueueAsync(string pacs, string matchKey, string matchValue, string createdBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO dicom_retrieve_jobs (pacs, match_key, match_value, status, created_by, created_at, updated_at)
            VALUES (@pacs, @key, @value, @queued, @by, @now, @now) RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("pacs", pacs);
        command.Parameters.AddWithValue("key", matchKey);
        command.Parameters.AddWithValue("value", matchValue);
        command.Parameters.AddWithValue("queued", RetrieveJobStatus.Queued.Stored());
        command.Parameters.AddWithValue("by", createdBy);
        command.Parameters.AddWithValue("now", now);
        return (await ReadAsync(command, cancellationToken))[0];
    }

    public async Task<RetrieveJob?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM dicom_retrieve_jobs WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        var jobs = await ReadAsync(command, cancellationToken);
        return jobs.Count == 0 ? null : jobs[0];
    }

    public async Task<IReadOnlyList<RetrieveJob>> ListAsync(string? status, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM dicom_retrieve_jobs WHERE @status::text IS NULL OR status = @status ORDER BY id DESC LIMIT @limit");
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)status ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<List<RetrieveJob>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var jobs = new List<RetrieveJob>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(new RetrieveJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetString(10), reader.GetFieldValue<DateTimeOffset>(11), reader.GetFieldValue<DateTimeOffset>(12)));
        }
        return jobs;
    }
}
