using System.Security.Cryptography;
using System.Text;

namespace CloudFilm.Testing;

/// <summary>
/// Points an in-process Api at test servers the way production does: through environment variables, which the
/// Api reads while it builds. One Api configuration per test process.
/// </summary>
public static class ApiHostEnvironment
{
    /// <summary>The API key of the "ris" system the test Api accepts.</summary>
    public const string SystemKey = "test-ris-key-8a1f";

    /// <summary>Test staff accounts: "admin" (password admin-pass-1, every role) and "nurse" (nurse-pass-1, queue only).</summary>
    public static readonly (string Name, string DisplayName, string PasswordHash, string Roles)[] StaffUsers =
    [
        ("admin", "管理员", "pbkdf2-sha256$210000$wuezp6HoZPGJYtmUqUEl+A==$g2HIPU40REGoYbFpj6kcZKX4/4wzKAhrtUrb01YibPI=", "reader,dispatcher,supervisor,queue,admin"),
        ("nurse", "分诊护士", "pbkdf2-sha256$210000$Yak/CJ5vc7clAGgC+moiAg==$irGldspor5gA5h7Yz1FzanzwXgTtD/bXFcI0J+B3qvY=", "queue"),
    ];

    /// <summary>The blob store folder of this test process (the Api reads it; a test DICOM node writes it).</summary>
    public static string BlobRoot { get; } = Directory.CreateTempSubdirectory("cloudfilm-blobs-").FullName;

    public static void Configure(string postgresConnectionString, string serviceId)
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__Postgres", postgresConnectionString);
        Environment.SetEnvironmentVariable("ConnectionStrings__Redis", RedisServer.Instance.Configuration);
        Environment.SetEnvironmentVariable("Orleans__ClusterId", serviceId);
        Environment.SetEnvironmentVariable("Orleans__ServiceId", serviceId);
        Environment.SetEnvironmentVariable("Redis__ChannelPrefix", serviceId);
        Environment.SetEnvironmentVariable("Integration__Systems__0__Name", "ris");
        Environment.SetEnvironmentVariable("Integration__Systems__0__KeySha256",
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SystemKey))));
        // The test system may use DICOMweb too (a key without the permission is refused there).
        Environment.SetEnvironmentVariable("Integration__Systems__0__Permissions__0", "dicomweb");
        Environment.SetEnvironmentVariable("Sharing__HospitalName", "云影医院");
        Environment.SetEnvironmentVariable("Archive__BlobRoot", BlobRoot);
        foreach (var (i, (name, display, hash, roles)) in StaffUsers.Index())
        {
            Environment.SetEnvironmentVariable($"Staff__Users__{i}__Name", name);
            Environment.SetEnvironmentVariable($"Staff__Users__{i}__DisplayName", display);
            Environment.SetEnvironmentVariable($"Staff__Users__{i}__PasswordHash", hash);
            Environment.SetEnvironmentVariable($"Staff__Users__{i}__Roles", roles);
        }
    }

    /// <summary>The latest SMS the development gateway wrote for a phone number.</summary>
    public static async Task<string?> LatestSmsAsync(string postgresConnectionString, string phone)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(postgresConnectionString);
        await using var command = dataSource.CreateCommand("SELECT body FROM sms_outbox WHERE phone = @p ORDER BY id DESC LIMIT 1");
        command.Parameters.AddWithValue("p", phone);
        return await command.ExecuteScalarAsync() as string;
    }
}
