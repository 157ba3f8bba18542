using System.Security.Cryptography;
using System.Text;

namespace CloudFilm.Api.Queues;

/// <summary>
/// Device tokens of screens: "{screenId}.{128 random bits}". The screen grain keeps only the SHA-256 hash; a token
/// opens its own screen's queues and nothing else. Pages keep the token in the address fragment (never sent to the
/// server in a request line) and hand it over inside the SignalR connection, so it never appears in access logs.
/// </summary>
public static class DeviceTokens
{
    public const string Header = "X-Device-Token";

    public static string New(string screenId) =>
        screenId + "." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The screen a token names (the part before the last dot), or null when it is malformed.</summary>
    public static string? ScreenOf(string? token) =>
        token is { Length: < 300 } && token.LastIndexOf('.') is > 0 and var dot ? token[..dot] : null;
}
