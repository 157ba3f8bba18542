using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CloudFilm.Hosting.Tests;

/// <summary>The logging and Orleans client settings every host shares.</summary>
public class HostSettingsTests
{
    [Fact]
    public void Console_logging_is_one_line_per_entry_with_a_millisecond_timestamp_and_nothing_else()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseCloudFilmConsoleLogging();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;
        options.SingleLine.Should().BeTrue();
        options.TimestampFormat.Should().Be("HH:mm:ss.fff ");
        host.Services.GetServices<ILoggerProvider>().Should().ContainSingle().Which.Should().BeOfType<ConsoleLoggerProvider>();
    }

    [Fact]
    public void The_orleans_client_joins_the_cloudfilm_cluster_unless_told_otherwise()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddCloudFilmOrleansClient("api");
        using var host = builder.Build();

        var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        cluster.ClusterId.Should().Be("cloudfilm");
        cluster.ServiceId.Should().Be("cloudfilm");
    }

    [Fact]
    public void The_orleans_client_reads_its_cluster_settings_late_so_tests_and_deployments_can_supply_them_after_setup()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddCloudFilmOrleansClient("api");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:ClusterId"] = "east-campus",
            ["Orleans:ServiceId"] = "cloudfilm-test",
        });
        using var host = builder.Build();

        var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        cluster.ClusterId.Should().Be("east-campus");
        cluster.ServiceId.Should().Be("cloudfilm-test");
        host.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.GatewayListRefreshPeriod.Should().Be(TimeSpan.FromSeconds(10));
    }
}
