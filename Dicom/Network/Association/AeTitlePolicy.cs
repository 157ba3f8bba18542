using System.Net;
using CloudFilm.Dicom.Network.Pdus;

namespace CloudFilm.Dicom.Network.Association;

/// <summary>
/// The usual acceptor rules: the called AE title must be ours (reason 7), the calling AE title must be a known
/// one when a list is configured (reason 3), the remote address must be allowed when a list is configured, and a
/// user identity, when required, must pass the host's check (all permanent rejections from the service user,
/// PS3.8 9.3.4).
/// </summary>
public sealed class AeTitlePolicy : IAssociationPolicy
{
    /// <summary>Called AE titles we answer to; empty accepts any (a promiscuous test SCP).</summary>
    public IReadOnlySet<string> CalledAeTitles { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Calling AE titles allowed; null allows any.</summary>
    public IReadOnlySet<string>? CallingAeTitles { get; init; }

    /// <summary>Remote addresses allowed; null allows any.</summary>
    public IReadOnlySet<IPAddress>? RemoteAddresses { get; init; }

    /// <summary>Checks a user identity; null accepts requests with or without one.</summary>
    public Func<UserIdentity?, CancellationToken, ValueTask<bool>>? AuthenticateUser { get; init; }

    public async ValueTask<AssociationDecision> DecideAsync(AssociationRequestContext context, CancellationToken cancellationToken)
    {
        if (CalledAeTitles.Count > 0 && !CalledAeTitles.Contains(context.CalledAeTitle))
        {
            return AssociationDecision.CalledAeNotRecognized;
        }

        if (CallingAeTitles is not null && !CallingAeTitles.Contains(context.CallingAeTitle))
        {
            return AssociationDecision.CallingAeNotRecognized;
        }

        if (RemoteAddresses is not null && !RemoteAddresses.Contains(Normalize(context.RemoteAddress)))
        {
            return AssociationDecision.NoReason;
        }

        if (AuthenticateUser is not null && !await AuthenticateUser(context.UserIdentity, cancellationToken).ConfigureAwait(false))
        {
            return AssociationDecision.NoReason;
        }

        return AssociationDecision.Accept;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
