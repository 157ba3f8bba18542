using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace CloudFilm.Dicom.Deidentification;

/// <summary>
/// Replaces UIDs consistently within one export (PS3.15 E.1.1 "U" action): the same original UID always maps to
/// the same new one, so references between instances, series and frames of reference still resolve, while two
/// exports made with different keys cannot be linked. New UIDs are "2.25." + 128 bits of HMAC-SHA256.
/// </summary>
public sealed class UidMap(byte[] key)
{
    private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);

    /// <summary>A map with a fresh random key (one export).</summary>
    public static UidMap Random() => new(RandomNumberGenerator.GetBytes(32));

    public string Map(string uid)
    {
        var original = uid.TrimEnd('\0', ' ');
        if (original.Length == 0)
        {
            return original;
        }
        if (!_map.TryGetValue(original, out var mapped))
        {
            var digest = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(original));
            mapped = "2.25." + new BigInteger(digest.AsSpan(0, 16), isUnsigned: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _map[original] = mapped;
        }
        return mapped;
    }
}
