using System.Security.Cryptography;
using System.Text;

namespace CloudFilm.Grains.Abstractions.Sharing;

/// <summary>
/// Share tokens and the secrets around them. A token is 128 random bits, URL-safe; its session grain is keyed by a
/// hash of it, so storage and logs never hold the token itself. Codes and proofs are kept only as hashes too.
/// </summary>
public static class ShareTokens
{
    /// <summary>A random URL-safe secret of <paramref name="bytes"/> bytes (16 bytes = 128 bits).</summary>
    public static string NewSecret(int bytes = 16) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>SHA-256 of a secret, lowercase hex.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The grain key of the session a token opens (128 bits of its hash).</summary>
    public static string TokenId(string token) => Hash(token)[..32];
}
