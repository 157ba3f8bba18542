using CloudFilm.Archive.Index;
using CloudFilm.Archive.Retrieval;
using CloudFilm.DicomNode.AiPush;
using CloudFilm.Grains.Abstractions.Queues;
using CloudFilm.Testing;
using Npgsql;

namespace CloudFilm.DicomNode.Tests.Archive;

/// <summary>
/// Index vocabularies (text columns written by one process and matched by another): the stored names are pinned here,
/// and the partial indexes that the matching statements rely on must name exactly the stored names they match.
/// </summary>
public class StoredVocabularyTests
{
    [Fact]
    public void Match_statuses_keep_their_stored_names() =>
        Enum.GetValues<DicomStudyMatchStatus>().Select(s => s.Stored()).Should().Equal("pending", "matched", "unmatched", "patient-mismatch");

    [Fact]
    public void Retrieve_job_statuses_keep_their_stored_names() =>
        Enum.GetValues<RetrieveJobStatus>().Select(s => s.Stored()).Should().Equal("queued", "running", "done", "failed");

    [Fact]
    public void Ai_push_delivery_statuses_keep_their_stored_names() =>
        Enum.GetValues<AiPushDeliveryStatus>().Select(s => s.Stored()).Should().Equal("pending", "delivered", "failed");

    [Theory]
    [InlineData("dicom_studies_unmatched")]
    [InlineData("dicom_studies_started")]
    [InlineData("queue_tickets_started")]
    [InlineData("dicom_retrieve_jobs_due")]
    [InlineData("ai_push_deliveries_due")]
    public async Task Partial_indexes_name_the_stored_statuses_their_statements_match(string index)
    {
        var expected = index switch
        {
            "dicom_studies_unmatched" => DicomStudyMatchStatusNames.InReconciliation.Select(s => s.Stored()),
            "dicom_studies_started" => [DicomStudyMatchStatus.Matched.Stored()],
            "queue_tickets_started" => TicketStatusNames.ExamStarted.Select(s => s.Stored()),
            "dicom_retrieve_jobs_due" => [RetrieveJobStatus.Queued.Stored(), RetrieveJobStatus.Running.Stored()],
            _ => [AiPushDeliveryStatus.Pending.Stored()],
        };
        await using var dataSource = NpgsqlDataSource.Create(await PostgresServer.Instance.CreateDatabaseAsync("vocabulary"));
        await using var command = dataSource.CreateCommand("SELECT pg_get_expr(indpred, indrelid) FROM pg_index WHERE indexrelid = @index::regclass");
        command.Parameters.AddWithValue("index", index);

        var predicate = (string)(await command.ExecuteScalarAsync())!;

        System.Text.RegularExpressions.Regex.Matches(predicate, "'([^']*)'::text").Select(m => m.Groups[1].Value).Should().BeEquivalentTo(expected);
    }
}
