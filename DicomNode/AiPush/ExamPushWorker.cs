using System.Net.Http.Json;
using System.Text.Json;
using CloudFilm.Archive.Index;
using CloudFilm.Grains.Abstractions.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CloudFilm.DicomNode.AiPush;

/// <summary>
/// Pushes exams to the configured AI hosts over HTTP when they are registered and when they start: finds the events
/// (<see cref="ExamPushScans"/>), makes a delivery row per endpoint and trigger it wants, and POSTs each due delivery,
/// retrying with backoff. Delivery state lives in <c>ai_push_deliveries</c>, so any node can deliver and a restart loses
/// nothing. Nothing here can block a study.
/// </summary>
public sealed class ExamPushWorker(
    NpgsqlDataSource dataSource,
    IHttpClientFactory httpClients,
    IOptions<AiPushOptions> options,
    TimeProvider clock,
    ILogger<ExamPushWorker> logger) : BackgroundService
{
    public const string HttpClientName = "ai-push";

    private const int MaxDeliveriesPerPass = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] TicketStarted = [.. TicketStatusNames.ExamStarted.Select(s => s.Stored())];

    private static readonly string Matched = DicomStudyMatchStatus.Matched.Stored();

    private readonly DateTimeOffset _since = clock.GetUtcNow() - options.Value.Lookback;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Endpoints.Count == 0)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException e)
            {
                logger.LogWarning("AI push paused: {Error}", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }
        }
    }

    /// <summary>Makes delivery rows for new registrations and exam starts and sends what is due; returns how many were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var endpoint in options.Value.Endpoints)
        {
            foreach (var trigger in PushTrigger.Wanted(endpoint))
            {
                await using var enqueue = dataSource.CreateCommand(ExamPushScans.For(trigger));
                enqueue.Parameters.AddWithValue("endpoint", endpoint.Name);
                enqueue.Parameters.AddWithValue("trigger", trigger);
                enqueue.Parameters.AddWithValue("pending", AiPushDeliveryStatus.Pending.Stored());
                enqueue.Parameters.AddWithValue("ticketStarted", TicketStarted);
                enqueue.Parameters.AddWithValue("matched", Matched);
                enqueue.Parameters.AddWithValue("since", _since);
                enqueue.Parameters.AddWithValue("modalities", endpoint.Modalities.ToArray());
                await enqueue.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        // Bounded, so one pass always ends (the next starts a second later) even if a delivery stayed due.
        var attempted = 0;
        while (attempted < MaxDeliveriesPerPass && await DeliverNextAsync(cancellationToken))
        {
            attempted++;
        }
        return attempted;
    }

    private async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        ExamPushMessage message;
        string endpointName, studyKey, trigger;
        int attempts;
        await using var take = new NpgsqlCommand("""
            SELECT d.study_key, d.endpoint, d.attempts, d.trigger, s.patient_name, p.patient_id, p.issuer, p.sex, p.birth_date, s.accession_number,
                   s.registered_at, s.exam_item, s.modality, s.body_part, s.campus, s.department,
                   (SELECT ds.study_instance_uid FROM dicom_studies ds
                    WHERE coalesce(ds.linked_study_key, ds.accession_number) = d.study_key AND ds.match_status = @matched
                    ORDER BY ds.first_arrival LIMIT 1)
            FROM ai_push_deliveries d JOIN studies s ON s.study_key = d.study_key JOIN patients p ON p.patient_key = s.patient_key
            WHERE d.status = @pending AND d.next_attempt <= now()
            ORDER BY d.next_attempt LIMIT 1 FOR UPDATE OF d SKIP LOCKED
            """, connection, transaction);
        take.Parameters.AddWithValue("matched", Matched);
        take.Parameters.AddWithValue("pending", AiPushDeliveryStatus.Pending.Stored());
        await using (var reader = await take.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }
            studyKey = reader.GetString(0);
            endpointName = reader.GetString(1);
            attempts = reader.GetInt32(2);
            trigger = reader.GetString(3);
            message = new ExamPushMessage(trigger, reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8), reader.GetString(9),
                DateOnly.FromDateTime(reader.GetFieldValue<DateTimeOffset>(10).ToLocalTime().DateTime), reader.GetString(11),
                reader.IsDBNull(16) ? null : reader.GetString(16), reader.GetString(12), reader.GetString(11), reader.GetString(13),
                reader.GetString(14), reader.GetString(15));
        }

        var endpoint = options.Value.Endpoints.FirstOrDefault(e => e.Name == endpointName);
        var undeliverable = endpoint is null ? "endpoint no longer configured"
            : !PushTrigger.Wanted(endpoint).Contains(trigger) ? "endpoint no longer wants this trigger"
            : null;
        var (ok, code, error) = endpoint is not null && undeliverable is null
            ? await PostAsync(endpoint, message, cancellationToken)
            : (false, (int?)null, undeliverable);
        attempts++;
        var giveUp = !ok && (undeliverable is not null || attempts >= options.Value.MaxAttempts);
        var backoff = TimeSpan.FromSeconds(Math.Min(600, options.Value.FirstRetryDelay.TotalSeconds * Math.Pow(2, attempts - 1)));
        await using (var update = new NpgsqlCommand("""
            UPDATE ai_push_deliveries SET status = @status, attempts = @attempts, last_status_code = @code, last_error = @error,
                next_attempt = now() + @backoff, delivered_at = CASE WHEN @status = @delivered THEN now() END
            WHERE study_key = @study AND endpoint = @endpoint AND trigger = @trigger
            """, connection, transaction))
        {
            var status = ok ? AiPushDeliveryStatus.Delivered : giveUp ? AiPushDeliveryStatus.Failed : AiPushDeliveryStatus.Pending;
            update.Parameters.AddWithValue("status", status.Stored());
            update.Parameters.AddWithValue("delivered", AiPushDeliveryStatus.Delivered.Stored());
            update.Parameters.AddWithValue("attempts", attempts);
            update.Parameters.Add(new NpgsqlParameter("code", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)code ?? DBNull.Value });
            update.Parameters.Add(new NpgsqlParameter("error", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)error ?? DBNull.Value });
            update.Parameters.AddWithValue("backoff", backoff);
            update.Parameters.AddWithValue("study", studyKey);
            update.Parameters.AddWithValue("endpoint", endpointName);
            update.Parameters.AddWithValue("trigger", trigger);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (!ok)
        {
            logger.LogWarning("AI push ({Trigger}) of study {StudyKey} to {Endpoint} failed (attempt {Attempt}): {Error}", trigger, studyKey, endpointName, attempts, error);
        }
        return true;
    }

    private async Task<(bool Ok, int? Code, string? Error)> PostAsync(AiPushOptions.Endpoint endpoint, ExamPushMessage message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = JsonContent.Create(message, options: Json) };
            if (!string.IsNullOrEmpty(endpoint.HeaderName))
            {
                request.Headers.TryAddWithoutValidation(endpoint.HeaderName, endpoint.HeaderValue);
            }
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode ? (true, (int)response.StatusCode, null) : (false, (int)response.StatusCode, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (false, null, e is OperationCanceledException ? "timed out" : e.Message);
        }
    }
}
