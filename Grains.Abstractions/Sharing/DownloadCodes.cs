using System.Security.Cryptography;

namespace CloudFilm.Grains.Abstractions.Sharing;

/// <summary>Extraction codes of downloads: how they are made, kept (hashed) and how long a download lasts.</summary>
public static class DownloadCodes
{
    /// <summary>Characters of extraction codes: no 0/O, 1/I/L, so a code read aloud or copied by hand survives.</summary>
    public const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string New() => string.Create(6, 0, (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        }
    });

    public static string Hash(string code) => ShareTokens.Hash("download:" + code.Trim().ToUpperInvariant());

    /// <summary>When a new download should expire: a day, but never after the share itself.</summary>
    public static DateTimeOffset ExpiryFor(DateTimeOffset now, DateTimeOffset shareExpiresAt) =>
        now.AddHours(24) < shareExpiresAt ? now.AddHours(24) : shareExpiresAt;

}
