using CloudFilm.DicomNode.AiPush;
using CloudFilm.DicomNode.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudFilm.DicomNode.Tests.AiPush;

public sealed class AiPushOptionsTests
{
    [Fact]
    public async Task A_node_configured_with_an_unknown_trigger_refuses_to_start_and_names_the_setting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=none;Username=none",
            ["Dicom:Port"] = "0",
            ["Archive:BlobRoot"] = Path.Combine(Path.GetTempPath(), "cloudfilm-blobs-" + Guid.NewGuid().ToString("N")[..12]),
            ["AiPush:Endpoints:0:Name"] = "us-ai",
            ["AiPush:Endpoints:0:Url"] = "http://127.0.0.1:9/exams",
            ["AiPush:Endpoints:0:Triggers:0"] = "registered",
            ["AiPush:Endpoints:0:Triggers:1"] = "exam-start",
        });
        builder.AddDicomNode();
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().Contain("AiPush:Endpoints:0:Triggers:1 'exam-start' is not a trigger; use 'registered' or 'exam-started'");
    }

    [Fact]
    public void Endpoints_are_refused_for_a_missing_or_repeated_name_or_a_url_that_is_not_http()
    {
        var options = new AiPushOptions
        {
            Endpoints =
            [
                new() { Name = "ai", Url = "http://ai.local/exams", Triggers = ["exam-started"] },
                new() { Name = "ai", Url = "ftp://ai.local/exams" },
                new() { Name = " ", Url = "https://ai.local/exams" },
            ],
        };

        var result = new AiPushOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().BeEquivalentTo(
            "AiPush:Endpoints:1:Name 'ai' is used by another endpoint (the delivery log tells endpoints apart by name)",
            "AiPush:Endpoints:1:Url 'ftp://ai.local/exams' is not an absolute http or https URL",
            "AiPush:Endpoints:2:Name is empty");
    }

    [Fact]
    public void An_endpoint_that_names_no_trigger_wants_both_and_one_that_names_some_wants_only_those()
    {
        var all = new AiPushOptions.Endpoint { Name = "a", Url = "http://a.local/" };
        var some = new AiPushOptions.Endpoint { Name = "b", Url = "http://b.local/", Triggers = ["registered", "registered"] };

        PushTrigger.Wanted(all).Should().Equal("registered", "exam-started");
        PushTrigger.Wanted(some).Should().Equal("registered");
        new AiPushOptionsValidator().Validate(null, new AiPushOptions { Endpoints = [all, some] }).Succeeded.Should().BeTrue();
    }
}
