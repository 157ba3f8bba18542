using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CloudFilm.DicomNode.Tests.Support;
using CloudFilm.Testing;

namespace CloudFilm.DicomNode.Tests.AiPush;

/// <summary>The node with one AI endpoint for ultrasound studies: a local HTTP receiver that fails its first request.</summary>
public sealed class AiPushFixture : NodeFixture
{
    private readonly int _port = ExternalProcess.FreeTcpPort();
    private readonly HttpListener _listener = new();
    private int _requests;

    public ConcurrentQueue<JsonObject> Received { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("AiPush:Endpoints:0:Name", "us-ai"),
        new("AiPush:Endpoints:0:Url", $"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}/exams"),
        new("AiPush:Endpoints:0:Modalities:0", "US"),
        new("AiPush:Endpoints:0:HeaderName", "X-Token"),
        new("AiPush:Endpoints:0:HeaderValue", "secret-1"),
        new("AiPush:FirstRetryDelay", "00:00:00.100"),
    ];

    public override async Task InitializeAsync()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
        await base.InitializeAsync();
    }

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
            if (Interlocked.Increment(ref _requests) == 1)
            {
                context.Response.StatusCode = 503; // the AI host is busy the first time
            }
            else if (context.Request.Headers["X-Token"] == "secret-1")
            {
                using var reader = new StreamReader(context.Request.InputStream);
                Received.Enqueue(JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject());
                context.Response.StatusCode = 200;
            }
            else
            {
                context.Response.StatusCode = 401;
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
        await RegisterAsync("US-" + Guid.NewGuid().ToString("N")[..8], "US");
        var ct = "CT-" + Guid.NewGuid().ToString("N")[..8];
        await RegisterAsync(ct, "CT");

        await NodeFixture.EventuallyAsync(() => Task.FromResult(!node.Received.IsEmpty), "the AI host received the exam");
        var exam = node.Received.Single();
        exam["patientName"]!.GetValue<string>().Should().Be("王五");
        exam["patientId"]!.GetValue<string>().Should().Be("P-AI-1");
        exam["sex"]!.GetValue<string>().Should().Be("female");
        exam["birthDate"]!.GetValue<string>().Should().Be("1990-05-06");
        exam["modality"]!.GetValue<string>().Should().Be("US");
        exam["examContent"]!.GetValue<string>().Should().Be("心脏彩超");
        await NodeFixture.EventuallyAsync(async () => await node.ScalarAsync(
            "SELECT count(*) FROM ai_push_deliveries WHERE status = 'delivered' AND attempts = 2") == 1, "delivery logged after two attempts");
        (await node.ScalarAsync("SELECT count(*) FROM ai_push_deliveries WHERE study_key = @k", ("k", ct))).Should().Be(0, "CT is not for this endpoint");
    }

    private async Task RegisterAsync(string accession, string modality)
    {
        // What the StudyGrain's projection writes when HIS registers the order.
        await using var command = node.DataSource.CreateCommand("""
            INSERT INTO patients (patient_key, patient_id, issuer, name, sex, birth_date, updated_at)
            VALUES ('P-AI-1@HOSP', 'P-AI-1', 'HOSP', '王五', 'female', '1990-05-06', now()) ON CONFLICT DO NOTHING;
            INSERT INTO studies (study_key, accession_number, patient_key, patient_name, campus, department, modality, exam_item, body_part,
                priority, patient_type, is_vip, status, registered_at, updated_at)
            VALUES (@a, @a, 'P-AI-1@HOSP', '王五', '东院', '超声科', @m, '心脏彩超', '心脏', 'routine', 'outpatient', false, 'registered', now(), now());
            """);
        command.Parameters.AddWithValue("a", accession);
        command.Parameters.AddWithValue("m", modality);
        await command.ExecuteNonQueryAsync();
    }
}
