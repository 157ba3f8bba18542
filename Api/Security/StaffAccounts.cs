using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CloudFilm.Api.Security;

/// <summary>
/// Staff accounts from configuration (<c>Staff:Users:N:Name</c>, <c>DisplayName</c>, <c>PasswordHash</c>,
/// <c>Roles</c>): until the hospital directory is connected, operators add accounts there. Passwords are kept
/// only as PBKDF2-SHA256 hashes (<c>pbkdf2-sha256$iterations$salt$hash</c>, base64), made with
/// <c>dotnet CloudFilm.Api.dll hash-password</c>.
/// </summary>
public sealed class StaffAccounts
{
    private const int Iterations = 210_000;
    private readonly Dictionary<string, StaffAccount> _accounts;

    public StaffAccounts(IConfiguration configuration)
    {
        _accounts = configuration.GetSection("Staff:Users").GetChildren()
            .Where(u => !string.IsNullOrWhiteSpace(u["Name"]) && !string.IsNullOrWhiteSpace(u["PasswordHash"]))
            .Select(u => new StaffAccount(
                u["Name"]!.Trim(),
                string.IsNullOrWhiteSpace(u["DisplayName"]) ? u["Name"]!.Trim() : u["DisplayName"]!.Trim(),
                u["PasswordHash"]!.Trim(),
                (u["Roles"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The account when the password is right, else null (in the same time either way).</summary>
    public StaffAccount? SignIn(string name, string password)
    {
        var account = _accounts.GetValueOrDefault(name.Trim());
        var ok = Verify(password, account?.PasswordHash ?? Hash("x", iterations: 1000));
        return ok && account is not null ? account : null;
    }

    public static string Hash(string password, int iterations = Iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var iterations) || iterations < 1000)
        {
            return false;
        }
        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

public sealed record StaffAccount(string Name, string DisplayName, string PasswordHash, IReadOnlyList<string> Roles);
