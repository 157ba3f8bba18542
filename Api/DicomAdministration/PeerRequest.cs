using System.Net;
using CloudFilm.Api.Problems;

namespace CloudFilm.Api.DicomAdministration;

/// <summary>A DICOM peer to allow: calling AE title + IP address, and the port when it is also a C-MOVE destination.</summary>
public sealed record PeerRequest(string? AeTitle, string? IpAddress, int? Port, string? Description);

public static class PeerRequestValidator
{
    /// <summary>Checks every field; throws naming each offending one.</summary>
    public static (string AeTitle, string IpAddress, int? Port, string Description) Validate(PeerRequest? body)
    {
        var errors = new RequestErrors();
        var ae = body?.AeTitle?.Trim() ?? "";
        if (ae.Length is 0 or > 16 || ae.Any(c => c < 0x20 || c > 0x7E || c == '\\'))
        {
            errors.Add("aeTitle", "An AE title is 1 to 16 printable ASCII characters without a backslash (PS3.5 6.2).");
        }
        var ip = body?.IpAddress?.Trim() ?? "";
        if (!IPAddress.TryParse(ip, out var parsed))
        {
            errors.Add("ipAddress", "An IPv4 or IPv6 address, as the peer connects from.");
        }
        if (body?.Port is { } port && port is < 1 or > 65535)
        {
            errors.Add("port", "A TCP port from 1 to 65535, or absent when the peer is not a C-MOVE destination.");
        }
        if (body?.Description is { Length: > 200 })
        {
            errors.Add("description", "At most 200 characters.");
        }
        errors.ThrowIfAny();
        return (ae, parsed!.ToString(), body!.Port, body.Description?.Trim() ?? "");
    }
}
