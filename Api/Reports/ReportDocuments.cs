using Npgsql;

namespace CloudFilm.Api.Reports;

/// <summary>PDFs sent with reports, stored once by SHA-256 in <c>report_documents</c>.</summary>
public sealed class ReportDocuments(NpgsqlDataSource database)
{
    public async Task StoreAsync(string sha256, byte[] pdf, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO report_documents (sha256, content_type, length, content) VALUES (@sha, 'application/pdf', @length, @content)
            ON CONFLICT (sha256) DO NOTHING
            """);
        command.Parameters.AddWithValue("sha", sha256);
        command.Parameters.AddWithValue("length", pdf.LongLength);
        command.Parameters.AddWithValue("content", pdf);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT content FROM report_documents WHERE sha256 = @sha");
        command.Parameters.AddWithValue("sha", sha256);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }
}
