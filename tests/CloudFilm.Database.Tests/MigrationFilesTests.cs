using CloudFilm.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudFilm.Database.Tests;

/// <summary>The migrations the hosts apply are exactly the files in deploy/sql, and the database is registered once per process.</summary>
public class MigrationFilesTests
{
    [Fact]
    public void Every_file_in_deploy_sql_is_embedded_with_the_hash_of_its_text()
    {
        var folder = DeploySql();
        var files = Directory.GetFiles(folder, "*.sql").Order(StringComparer.Ordinal).ToList();

        DatabaseMigrator.Embedded.Select(m => m.Name).Should().Equal(files.Select(Path.GetFileName));
        foreach (var migration in DatabaseMigrator.Embedded)
        {
            migration.Sql.ReplaceLineEndings("\n").Should().Be(File.ReadAllText(Path.Combine(folder, migration.Name)).ReplaceLineEndings("\n"));
            migration.Sha256.Should().MatchRegex("^[0-9a-f]{64}$");
        }
    }

    [Fact]
    public void Registering_the_database_without_a_connection_string_names_the_setting()
    {
        var configuration = new ConfigurationBuilder().Build();

        var register = () => new ServiceCollection().AddCloudFilmDatabase(configuration);

        register.Should().Throw<InvalidOperationException>().WithMessage("ConnectionStrings:Postgres is not set");
    }

    [Fact]
    public void One_data_source_serves_the_whole_process()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=cloudfilm" })
            .Build();
        using var services = new ServiceCollection().AddLogging().AddCloudFilmDatabase(configuration).BuildServiceProvider();

        services.GetRequiredService<NpgsqlDataSource>().Should().BeSameAs(services.GetRequiredService<NpgsqlDataSource>());
        services.GetRequiredService<DatabaseMigrator>().Should().NotBeNull();
    }

    private static string DeploySql()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "deploy", "sql");
            if (File.Exists(Path.Combine(folder.FullName, "CloudFilm.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("deploy/sql was not found above " + AppContext.BaseDirectory);
    }
}
