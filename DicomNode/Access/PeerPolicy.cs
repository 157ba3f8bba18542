using System.Net;
using CloudFilm.Archive.Peers;
using CloudFilm.Dicom.Network.Association;

namespace CloudFilm.DicomNode.Access;

/// <summary>
/// Who may associate: the called AE title must be ours (else reason 7, called AE not recognised), and the calling
/// AE title + remote IP must be a row of <c>dicom_peers</c> (an unknown AE title gets reason 3, calling AE not
/// recognised; a known title from an address not listed for it gets reason 1, no reason given). All rejections
/// are permanent from the service user (PS3.8 9.3.4). The list is cached for a few seconds; every copy of the
/// node sees a change made through the Api within that time.
/// </summary>
public sealed class PeerPolicy(PeerDirectory peers, string aeTitle) : IAssociationPolicy
{
    public async ValueTask<AssociationDecision> DecideAsync(AssociationRequestContext context, CancellationToken cancellationToken)
    {
        if (!string.Equals(context.CalledAeTitle.Trim(), aeTitle, StringComparison.Ordinal))
        {
            return AssociationDecision.CalledAeNotRecognized;
        }
        var known = await peers.GetAsync(cancellationToken);
        var address = context.RemoteAddress.IsIPv4MappedToIPv6 ? context.RemoteAddress.MapToIPv4() : context.RemoteAddress;
        var sameTitle = known.Where(p => string.Equals(p.AeTitle, context.CallingAeTitle.Trim(), StringComparison.Ordinal)).ToList();
        if (sameTitle.Count == 0)
        {
            return AssociationDecision.CallingAeNotRecognized;
        }
        return sameTitle.Any(p => Matches(p.IpAddress, address)) ? AssociationDecision.Accept : AssociationDecision.NoReason;
    }

    private static bool Matches(string allowed, IPAddress address) =>
        IPAddress.TryParse(allowed, out var parsed) && parsed.Equals(address);
}
