using System.Globalization;

namespace CloudFilm.Silo.Tests;

/// <summary>The silo executable as the launcher starts it.</summary>
public class SiloStartupTests
{
    [Fact]
    public async Task Without_postgres_the_silo_exits_with_status_1_and_one_line_naming_the_server()
    {
        var port = ExternalProcess.FreeTcpPort();
        var start = ExternalProcess.Command("dotnet", [Path.Combine(AppContext.BaseDirectory, "CloudFilm.Silo.dll")], AppContext.BaseDirectory);
        start.Environment["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Database=cloudfilm;Username=cloudfilm";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var result = await ExternalProcess.RunAsync(start, TimeSpan.FromSeconds(60));

        result.ExitCode.Should().Be(1, result.Output);
        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle()
            .Which.Should().StartWith($"cloudfilm silo: cannot reach PostgreSQL at 127.0.0.1:{port} (database cloudfilm): ");
    }
}
