using System.ComponentModel.DataAnnotations;
using CloudFilm.Api.DicomWeb.Store;
using CloudFilm.Api.DicomWeb;
using CloudFilm.Api.Hosting;
using CloudFilm.Api.Security;
using CloudFilm.Api.Imaging;
using CloudFilm.Api.Sharing;
using CloudFilm.Grains.Sharing;
using CloudFilm.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CloudFilm.Api.Tests.Hosting;

/// <summary>A wrong setting stops the host at start-up with its key in the message; the defaults start.</summary>
public class ConfigurationValidationTests
{
    private static IServiceProvider Host(Action<IServiceCollection, IConfiguration> register, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)).Append(new("Archive:BlobRoot", "blobs")))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        register(services, configuration);
        return services.BuildServiceProvider();
    }

    private static void Start(IServiceProvider host) => host.GetRequiredService<IStartupValidator>().Validate();

    [Theory]
    [InlineData("Redis:ChannelPrefix", "", "Redis")]
    [InlineData("Redis:ChannelPrefix", "two words", "Redis")]
    [InlineData("Sharing:PublicBaseUrl", "hospital.example", "ShareLinks")]
    [InlineData("Sharing:PublicBaseUrl", "ftp://hospital.example", "ShareLinks")]
    [InlineData("Sharing:HospitalName", "", "ShareLinks")]
    [InlineData("Imaging:FrameCacheMegabytes", "0", "ArchiveReading")]
    [InlineData("Orleans:ClusterId", "", "ClusterIdentity")]
    [InlineData("Orleans:ServiceId", "", "ClusterIdentity")]
    [InlineData("DicomWeb:MaxStoreRequestBytes", "0", "Stow")]
    [InlineData("DicomWeb:MaxStorePartBytes", "8796093022208", "Stow")]
    [InlineData("DicomWeb:Cors:Origins:0", "https://viewer.example/path", "DicomWeb")]
    [InlineData("DicomWeb:Cors:MaxAgeSeconds", "-1", "DicomWeb")]
    public void A_wrong_setting_fails_at_start_naming_its_key(string key, string value, string registration)
    {
        var host = Host(Registration(registration), (key, value));

        FluentActions.Invoking(() => Start(host)).Should().Throw<OptionsValidationException>().WithMessage($"*{key}*");
    }

    [Theory]
    [InlineData("Redis")]
    [InlineData("ShareLinks")]
    [InlineData("ArchiveReading")]
    [InlineData("ClusterIdentity")]
    [InlineData("Stow")]
    [InlineData("DicomWeb")]
    [InlineData("SystemKeys")]
    public void The_defaults_start(string registration) =>
        FluentActions.Invoking(() => Start(Host(Registration(registration)))).Should().NotThrow();

    [Fact]
    public void Redis_names_share_the_configured_prefix()
    {
        var host = Host(Registration("Redis"), ("Redis:ChannelPrefix", "campus-east"));

        host.GetRequiredService<IOptions<RedisNamingOptions>>().Value.Key("sms:").Should().Be("campus-east:sms:");
    }

    [Fact]
    public void Share_links_use_the_public_address_without_its_trailing_slash()
    {
        var links = Host(Registration("ShareLinks"), ("Sharing:PublicBaseUrl", "https://film.hospital.example/"), ("Sharing:HospitalName", "云影医院"))
            .GetRequiredService<ShareLinks>();

        links.PatientPage("t0k3n").Should().Be("https://film.hospital.example/s/t0k3n");
        links.VerificationCode("123456").Should().StartWith("【云影医院】");
    }

    [Fact]
    public void The_cluster_identity_configures_orleans()
    {
        var cluster = Host(Registration("ClusterIdentity"), ("Orleans:ClusterId", "east"), ("Orleans:ServiceId", "cloudfilm-east"))
            .GetRequiredService<IOptions<ClusterOptions>>().Value;

        (cluster.ClusterId, cluster.ServiceId).Should().Be(("east", "cloudfilm-east"));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(30, true)]
    [InlineData(3651, false)]
    public void The_silo_accepts_patient_share_days_from_one_day_to_ten_years(int days, bool valid)
    {
        var options = new SharingOptions { PatientShareDays = days };
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true).Should().Be(valid);
        if (!valid)
        {
            results.Single().ErrorMessage.Should().Contain("Sharing:PatientShareDays");
        }
    }

    [Theory]
    [InlineData("Permissions:0", "dicom-web", "Integration:Systems:0:Permissions")]
    [InlineData("KeySha256", "not-a-hash", "Integration:Systems:0:KeySha256")]
    [InlineData("Name", "", "Integration:Systems:0:Name")]
    public void A_wrong_system_setting_fails_at_start_naming_its_key(string member, string value, string key)
    {
        var settings = new Dictionary<string, string>
        {
            ["Integration:Systems:0:Name"] = "pacs-ai",
            ["Integration:Systems:0:KeySha256"] = new string('a', 64),
            ["Integration:Systems:0:Permissions:0"] = "dicomweb",
        };
        settings["Integration:Systems:0:" + member] = value;

        FluentActions.Invoking(() => Start(Host(Registration("SystemKeys"), [.. settings.Select(p => (p.Key, p.Value))])))
            .Should().Throw<OptionsValidationException>().WithMessage($"*{key}*");
    }

    [Fact]
    public void Cors_for_every_origin_cannot_send_credentials() =>
        FluentActions.Invoking(() => Start(Host(Registration("DicomWeb"), ("DicomWeb:Cors:Origins:0", "*"), ("DicomWeb:Cors:AllowCredentials", "true"))))
            .Should().Throw<OptionsValidationException>().WithMessage("*DicomWeb:Cors:AllowCredentials*");

    private static Action<IServiceCollection, IConfiguration> Registration(string name) => name switch
    {
        "Redis" => (services, configuration) => services.AddCloudFilmRedis(configuration),
        "ShareLinks" => (services, _) => services.AddCloudFilmShareLinks(),
        "ArchiveReading" => (services, _) => services.AddCloudFilmArchiveReading(),
        "ClusterIdentity" => (services, _) => services.AddCloudFilmClusterIdentity(),
        "Stow" => (services, _) => services.AddStowRs(),
        "DicomWeb" => (services, _) => services.AddCloudFilmDicomWeb(),
        "SystemKeys" => (services, _) => services.AddCloudFilmSystemKeys(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
