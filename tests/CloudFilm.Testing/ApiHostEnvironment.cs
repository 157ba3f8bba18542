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
        Environment.SetEnvironmentVariable("Sharing__HospitalName", "云影医院");
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
