using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CloudFilm.DicomNode.AiPush;
using CloudFilm.DicomNode.Tests.Support;
using CloudFilm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudFilm.DicomNode.Tests.AiPush;

/// <summary>
/// The node with two AI endpoints for ultrasound studies on one local HTTP receiver: <c>us-ai</c> wants every trigger
/// (and a token), <c>registered-only</c> wants registrations only. The receiver answers 503 to the first POST of each
/// (endpoint, exam, event) whose accession number a test put in <see cref="FailFirstPost"/>.
/// </summary>
public sealed class AiPushFixture : NodeFixture
{
    private readonly int _port = ExternalProcess.FreeTcpPort();
    private readonly HttpListener _listener = new();

    /// <summary>What each endpoint accepted: (endpoint, body).</summary>
    public ConcurrentQueue<(string Endpoint, JsonObject Body)> Received { get; } = new();

    /// <summary>POSTs seen per "endpoint/accession/event", answered or not.</summary>
    public ConcurrentDictionary<string, int> Posts { get; } = new();

    public ConcurrentDictionary<string, bool> FailFirstPost { get; } = new();

    public ExamPushWorker Worker => Services.GetRequiredService<ExamPushWorker>();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("AiPush:Endpoints:0:Name", "us-ai"),
        new("AiPush:Endpoints:0:Url", $"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}/us-ai"),
        new("AiPush:Endpoints:0:Modalities:0", "US"),
        new("AiPush:Endpoints:0:HeaderName", "X-Token"),
        new("AiPush:Endpoints:0:HeaderValue", "secret-1"),
        new("AiPush:Endpoints:1:Name", "registered-only"),
        new("AiPush:Endpoints:1:Url", $"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}/registered-only"),
        new("AiPush:Endpoints:1:Modalities:0", "US"),
        new("AiPush:Endpoints:1:Triggers:0", "registered"),
        new("AiPush:FirstRetryDelay", "00:00:00.100"),
    ];

    public override async Task InitializeAsync()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
        await base.InitializeAsync();
    }

    /// <summary>The messages <paramref name="endpoint"/> accepted for an exam with <paramref name="eventName"/>.</summary>
    public IReadOnlyList<JsonObject> ReceivedBy(string endpoint, string accession, string eventName) =>
        [.. Received.Where(r => r.Endpoint == endpoint && r.Body["accessionNumber"]?.GetValue<string>() == accession
            && r.Body["event"]?.GetValue<string>() == eventName).Select(r => r.Body)];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var endpoint = context.Request.Url!.AbsolutePath.Trim('/');
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
                var accession = body["accessionNumber"]!.GetValue<string>();
                var posts = Posts.AddOrUpdate($"{endpoint}/{accession}/{body["event"]!.GetValue<string>()}", 1, (_, n) => n + 1);
                if (endpoint == "us-ai" && context.Request.Headers["X-Token"] != "secret-1")
                {
                    context.Response.StatusCode = 401;
                }
                else if (posts == 1 && FailFirstPost.ContainsKey(accession))
                {
                    context.Response.StatusCode = 503; // the AI host is busy the first time
                }
                else
                {
                    Received.Enqueue((endpoint, body));
                    context.Response.StatusCode = 200;
                }
            }
            context.Response.Close();
        }
    }

    public override async Task DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await base.DisposeAsync();
    }
}

public sealed class ExamPushTests(AiPushFixture node) : IClassFixture<AiPushFixture>
{
    [Fact]
    public async Task A_registered_ultrasound_study_is_pushed_with_its_exam_fields_after_a_retry_and_the_log_says_delivered()
    {
        var us = NewAccession("US");
        node.FailFirstPost[us] = true;
        await RegisterAsync(us, "US");
        var ct = NewAccession("CT");
        await RegisterAsync(ct, "CT");

        await NodeFixture.EventuallyAsync(() => Task.FromResult(node.ReceivedBy("us-ai", us, "registered").Count > 0), "the AI host received the exam");
        var exam = node.ReceivedBy("us-ai", us, "registered").Single();
        exam["patientName"]!.GetValue<string>().Should().Be("王五");
        exam["patientId"]!.GetValue<string>().Should().Be("P-AI-1");
        exam["sex"]!.GetValue<string>().Should().Be("female");
        exam["birthDate"]!.GetValue<string>().Should().Be("1990-05-06");
        exam["modality"]!.GetValue<string>().Should().Be("US");
        exam["examContent"]!.GetValue<string>().Should().Be("心脏彩超");
        await NodeFixture.EventuallyAsync(async () => await node.ScalarAsync("""
            SELECT count(*) FROM ai_push_deliveries
            WHERE study_key = @k AND endpoint = 'us-ai' AND trigger = 'registered' AND status = 'delivered' AND attempts = 2
            """, ("k", us)) == 1, "delivery logged after two attempts");
        (await node.ScalarAsync("SELECT count(*) FROM ai_push_deliveries WHERE study_key = @k", ("k", ct))).Should().Be(0, "CT is not for these endpoints");
    }

    [Fact]
    public async Task A_patient_called_into_the_exam_room_is_pushed_once_as_exam_started_with_the_exam_fields()
    {
        var accession = NewAccession("US");
        var registeredAt = await RegisterAsync(accession, "US");
        var queue = "q-" + accession;
        await IssueTicketAsync(queue, accession, "Waiting");
        await ScanAndDeliverAsync();
        (await ExamStartedDeliveriesAsync(accession, "us-ai")).Should().Be(0, "a waiting patient has not started the exam");

        await SetTicketStatusAsync(queue, "Called");

        await NodeFixture.EventuallyAsync(() => Task.FromResult(node.ReceivedBy("us-ai", accession, "exam-started").Count > 0), "the exam start was pushed");
        var exam = node.ReceivedBy("us-ai", accession, "exam-started").Single();
        exam["event"]!.GetValue<string>().Should().Be("exam-started");
        exam["patientName"]!.GetValue<string>().Should().Be("王五");
        exam["patientId"]!.GetValue<string>().Should().Be("P-AI-1");
        exam["sex"]!.GetValue<string>().Should().Be("female");
        exam["birthDate"]!.GetValue<string>().Should().Be("1990-05-06");
        exam["accessionNumber"]!.GetValue<string>().Should().Be(accession);
        exam["studyDate"]!.GetValue<string>().Should().Be(DateOnly.FromDateTime(registeredAt.ToLocalTime().DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        exam["studyDescription"]!.GetValue<string>().Should().Be("心脏彩超");
        exam["examContent"]!.GetValue<string>().Should().Be("心脏彩超");
        exam["studyInstanceUid"].Should().BeNull("no images have arrived yet");

        await SetTicketStatusAsync(queue, "Done");
        await ScanAndDeliverAsync();
        node.ReceivedBy("us-ai", accession, "exam-started").Should().HaveCount(1, "completing the exam is not another start");
        (await node.ScalarAsync("""
            SELECT count(*) FROM ai_push_deliveries
            WHERE study_key = @k AND endpoint = 'us-ai' AND trigger = 'exam-started' AND status = 'delivered' AND attempts = 1
            """, ("k", accession))).Should().Be(1);
    }

    [Fact]
    public async Task The_first_images_of_an_exam_without_a_queue_push_exam_started_with_the_study_instance_uid()
    {
        var series = new TestSeries { PatientName = "Wang^Wu=王^五" };
        await RegisterAsync(series.AccessionNumber, "US");
        node.Target.Registered[series.AccessionNumber] = true;
        var files = series.WriteFiles(Path.Combine(node.WorkFolder, "ai-" + series.AccessionNumber), 2);

        var (exit, output) = await Dcmtk.StoreAsync(node.Port, "STORESCU", files);

        exit.Should().Be(0, output);
        await NodeFixture.EventuallyAsync(() => Task.FromResult(node.ReceivedBy("us-ai", series.AccessionNumber, "exam-started").Count > 0),
            "the exam start was pushed when its images arrived");
        var exam = node.ReceivedBy("us-ai", series.AccessionNumber, "exam-started").Single();
        exam["studyInstanceUid"]!.GetValue<string>().Should().Be(series.StudyInstanceUid);
        exam["patientName"]!.GetValue<string>().Should().Be("王五", "the order's patient, as registered");
        (await ExamStartedDeliveriesAsync(series.AccessionNumber, "us-ai")).Should().Be(1);
    }

    [Fact]
    public async Task Images_the_order_has_not_accepted_do_not_start_the_exam()
    {
        var accession = NewAccession("US");
        await RegisterAsync(accession, "US");
        await AddImagesAsync(accession, "patient-mismatch", TimeSpan.Zero);

        await ScanAndDeliverAsync();

        (await node.ScalarAsync("SELECT count(*) FROM ai_push_deliveries WHERE study_key = @k AND trigger = 'registered'", ("k", accession)))
            .Should().Be(2, "the scan saw the order (both endpoints)");
        (await ExamStartedDeliveriesAsync(accession, "us-ai")).Should().Be(0, "images of another patient id wait for reconciliation");
    }

    [Fact]
    public async Task An_exam_both_called_and_imaged_is_pushed_as_started_only_once()
    {
        var accession = NewAccession("US");
        await RegisterAsync(accession, "US");
        var queue = "q-" + accession;
        await using (var both = node.DataSource.CreateBatch())
        {
            // The call and the first images become visible to the scan in the same instant.
            both.BatchCommands.Add(TicketCommand(queue, accession, "Called", TimeSpan.Zero));
            both.BatchCommands.Add(ImagesCommand(accession, "matched", TimeSpan.Zero, out var studyInstanceUid));
            await both.ExecuteNonQueryAsync();
            await NodeFixture.EventuallyAsync(() => Task.FromResult(node.ReceivedBy("us-ai", accession, "exam-started").Count > 0), "the exam start was pushed");
            node.ReceivedBy("us-ai", accession, "exam-started").Single()["studyInstanceUid"]!.GetValue<string>().Should().Be(studyInstanceUid);
        }

        await SetTicketStatusAsync(queue, "Done");
        await AddImagesAsync(accession, "matched", TimeSpan.Zero);
        await ScanAndDeliverAsync();

        node.ReceivedBy("us-ai", accession, "exam-started").Should().HaveCount(1);
        (await ExamStartedDeliveriesAsync(accession, "us-ai")).Should().Be(1);
    }

    [Fact]
    public async Task An_endpoint_that_wants_only_registrations_gets_no_exam_started_push()
    {
        var accession = NewAccession("US");
        await RegisterAsync(accession, "US");
        await IssueTicketAsync("q-" + accession, accession, "Called");

        await NodeFixture.EventuallyAsync(() => Task.FromResult(node.ReceivedBy("us-ai", accession, "exam-started").Count > 0
            && node.ReceivedBy("registered-only", accession, "registered").Count > 0), "both endpoints were served");
        await ScanAndDeliverAsync();

        (await ExamStartedDeliveriesAsync(accession, "registered-only")).Should().Be(0);
        node.Posts.Should().NotContainKey($"registered-only/{accession}/exam-started");
    }

    [Fact]
    public async Task An_exam_start_the_ai_host_refuses_is_retried_after_the_backoff_and_logged_as_delivered()
    {
        var accession = NewAccession("US");
        node.FailFirstPost[accession] = true;
        await RegisterAsync(accession, "US");
        await IssueTicketAsync("q-" + accession, accession, "Called");

        await NodeFixture.EventuallyAsync(async () => await node.ScalarAsync("""
            SELECT count(*) FROM ai_push_deliveries
            WHERE study_key = @k AND endpoint = 'us-ai' AND trigger = 'exam-started' AND status = 'delivered'
              AND attempts = 2 AND last_status_code = 200 AND last_error IS NULL AND delivered_at IS NOT NULL
            """, ("k", accession)) == 1, "delivered on the second attempt");
        node.Posts[$"us-ai/{accession}/exam-started"].Should().Be(2);
        node.ReceivedBy("us-ai", accession, "exam-started").Should().ContainSingle();
    }

    [Fact]
    public async Task An_exam_started_before_the_lookback_is_not_pushed()
    {
        var calledLongAgo = NewAccession("US");
        var imagedLongAgo = NewAccession("US");
        var imagedLongAgoCalledNow = NewAccession("US");
        foreach (var accession in new[] { calledLongAgo, imagedLongAgo, imagedLongAgoCalledNow })
        {
            await RegisterAsync(accession, "US");
        }
        var old = TimeSpan.FromHours(2); // the lookback is one hour before the node started
        await IssueTicketAsync("q-" + calledLongAgo, calledLongAgo, "Called", old);
        await AddImagesAsync(imagedLongAgo, "matched", old);
        await AddImagesAsync(imagedLongAgoCalledNow, "matched", old);
        await IssueTicketAsync("q-" + imagedLongAgoCalledNow, imagedLongAgoCalledNow, "Called");

        await ScanAndDeliverAsync();

        foreach (var accession in new[] { calledLongAgo, imagedLongAgo, imagedLongAgoCalledNow })
        {
            (await node.ScalarAsync("SELECT count(*) FROM ai_push_deliveries WHERE study_key = @k AND endpoint = 'us-ai' AND trigger = 'registered'",
                ("k", accession))).Should().Be(1, "the scan saw the order");
            (await ExamStartedDeliveriesAsync(accession, "us-ai")).Should().Be(0, $"{accession} started before the lookback");
        }
    }

    /// <summary>One pass of the worker beside its own loop: every event recorded so far has been scanned when this returns.</summary>
    private async Task ScanAndDeliverAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await node.Worker.RunOnceAsync(timeout.Token);
    }

    private static string NewAccession(string modality) => modality + "-" + Guid.NewGuid().ToString("N")[..8];

    private Task<long> ExamStartedDeliveriesAsync(string accession, string endpoint) => node.ScalarAsync(
        "SELECT count(*) FROM ai_push_deliveries WHERE study_key = @k AND endpoint = @e AND trigger = 'exam-started'", ("k", accession), ("e", endpoint));

    private async Task<DateTimeOffset> RegisterAsync(string accession, string modality)
    {
        // What the StudyGrain's projection writes when HIS registers the order.
        var at = DateTimeOffset.UtcNow;
        await using var command = node.DataSource.CreateCommand("""
            INSERT INTO patients (patient_key, patient_id, issuer, name, sex, birth_date, updated_at)
            VALUES ('P-AI-1@HOSP', 'P-AI-1', 'HOSP', '王五', 'female', '1990-05-06', now()) ON CONFLICT DO NOTHING;
            INSERT INTO studies (study_key, accession_number, patient_key, patient_name, campus, department, modality, exam_item, body_part,
                priority, patient_type, is_vip, status, registered_at, updated_at)
            VALUES (@a, @a, 'P-AI-1@HOSP', '王五', '东院', '超声科', @m, '心脏彩超', '心脏', 'routine', 'outpatient', false, 'registered', @at, @at);
            """);
        command.Parameters.AddWithValue("a", accession);
        command.Parameters.AddWithValue("m", modality);
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync();
        return at;
    }

    private async Task IssueTicketAsync(string queue, string accession, string status, TimeSpan? ago = null)
    {
        await using var batch = node.DataSource.CreateBatch();
        batch.BatchCommands.Add(TicketCommand(queue, accession, status, ago ?? TimeSpan.Zero));
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>What the QueueGrain's projection writes for ticket 1 of <paramref name="queue"/> (no patient names there).</summary>
    private static Npgsql.NpgsqlBatchCommand TicketCommand(string queue, string accession, string status, TimeSpan ago)
    {
        var command = new Npgsql.NpgsqlBatchCommand("""
            INSERT INTO queue_tickets (queue_id, service_day, number, exam_id, lane, status, room_id, issued_at, call_count, misses, updated_at)
            VALUES (@q, current_date, 1, @a, 'Normal', @s, CASE WHEN @s = 'Waiting' THEN NULL ELSE 'room-1' END, now() - @ago,
                    CASE WHEN @s = 'Waiting' THEN 0 ELSE 1 END, 0, now() - @ago)
            """);
        command.Parameters.AddWithValue("q", queue);
        command.Parameters.AddWithValue("a", accession);
        command.Parameters.AddWithValue("s", status);
        command.Parameters.AddWithValue("ago", ago);
        return command;
    }

    private async Task SetTicketStatusAsync(string queue, string status)
    {
        await using var command = node.DataSource.CreateCommand("""
            UPDATE queue_tickets SET status = @s, room_id = 'room-1', call_count = 1, updated_at = now() WHERE queue_id = @q AND number = 1
            """);
        command.Parameters.AddWithValue("q", queue);
        command.Parameters.AddWithValue("s", status);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    private async Task<string> AddImagesAsync(string accession, string matchStatus, TimeSpan ago)
    {
        await using var batch = node.DataSource.CreateBatch();
        batch.BatchCommands.Add(ImagesCommand(accession, matchStatus, ago, out var studyInstanceUid));
        await batch.ExecuteNonQueryAsync();
        return studyInstanceUid;
    }

    /// <summary>A DICOM study row as the index writes it, already told to the order (<paramref name="matchStatus"/> is the order's answer).</summary>
    private static Npgsql.NpgsqlBatchCommand ImagesCommand(string accession, string matchStatus, TimeSpan ago, out string studyInstanceUid)
    {
        studyInstanceUid = Dicom.Uids.DicomUidGenerator.NewUid();
        var command = new Npgsql.NpgsqlBatchCommand("""
            INSERT INTO dicom_studies (study_instance_uid, patient_id, issuer_of_patient_id, patient_name, patient_name_search, patient_sex,
                accession_number, study_time, study_id, study_description, referring_physician, modalities, series_count, instance_count,
                first_arrival, last_arrival, revision, notified_revision, match_status)
            VALUES (@uid, 'P-AI-1', 'HOSP', 'Wang^Wu=王^五', 'WANG^WU=王^五', 'F', @a, '', '', '心脏彩超', '', ARRAY['US'], 1, 1,
                now() - @ago, now() - @ago, 1, 1, @m)
            """);
        command.Parameters.AddWithValue("uid", studyInstanceUid);
        command.Parameters.AddWithValue("a", accession);
        command.Parameters.AddWithValue("m", matchStatus);
        command.Parameters.AddWithValue("ago", ago);
        return command;
    }
}
