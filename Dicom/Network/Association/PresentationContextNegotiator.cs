using CloudFilm.Dicom.Network.Pdus;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Association;

/// <summary>
/// The acceptor's side of presentation context negotiation (PS3.8 7.1.1.13, 9.3.3.2) and SCP/SCU role selection
/// (PS3.7 D.3.3.4): for each proposed context, whether its abstract syntax is offered here and which one of the
/// proposed transfer syntaxes to use, chosen in the acceptor's order of preference.
/// </summary>
public static class PresentationContextNegotiator
{
    public static (IReadOnlyList<NegotiatedContext> Contexts, IReadOnlyList<PresentationContextResult> Results, IReadOnlyList<RoleSelection> Roles)
        Negotiate(IReadOnlyList<PresentationContextProposal> proposals, IReadOnlyList<RoleSelection> proposedRoles, AcceptorCapabilities capabilities)
    {
        var contexts = new List<NegotiatedContext>(proposals.Count);
        var results = new List<PresentationContextResult>(proposals.Count);
        var roleAnswers = new List<RoleSelection>();
        foreach (var role in proposedRoles)
        {
            // We accept the requestor acting as storage SCP only when we can send it C-STOREs for C-GET.
            var acceptScp = role.ScpRole && capabilities.Get && IsStorage(role.SopClassUid, capabilities, ignoreList: true);
            if (!roleAnswers.Exists(r => r.SopClassUid == role.SopClassUid))
            {
                roleAnswers.Add(new RoleSelection(role.SopClassUid, role.ScuRole, acceptScp));
            }
        }

        foreach (var proposal in proposals)
        {
            var role = roleAnswers.Find(r => r.SopClassUid == proposal.AbstractSyntax);
            var requestorIsScp = role?.ScpRole ?? false;
            var requestorIsScu = role?.ScuRole ?? true;
            var (outcome, syntax) = Choose(proposal, capabilities, requestorIsScp);
            if ((proposal.Id & 1) == 0)
            {
                // PS3.8 9.3.2.2: ids are odd; an even one is refused rather than guessed at.
                (outcome, syntax) = (PresentationContextOutcome.ProviderRejectionNoReason, "");
            }

            results.Add(new PresentationContextResult(proposal.Id, outcome, syntax.Length > 0 ? syntax : FirstOrEmpty(proposal)));
            contexts.Add(new NegotiatedContext(proposal.Id, proposal.AbstractSyntax, syntax, outcome, requestorIsScu, requestorIsScp));
        }

        return (contexts, results, roleAnswers);
    }

    private static (PresentationContextOutcome, string) Choose(PresentationContextProposal proposal, AcceptorCapabilities capabilities, bool requestorIsScp)
    {
        var uid = proposal.AbstractSyntax;
        bool offered;
        bool anySyntax = false;
        if (uid == DicomUids.Verification)
        {
            offered = capabilities.Verification;
        }
        else if (QueryRetrieveModels.IsFind(uid))
        {
            offered = capabilities.Find;
        }
        else if (QueryRetrieveModels.IsMove(uid))
        {
            offered = capabilities.Move;
        }
        else if (QueryRetrieveModels.IsGet(uid))
        {
            offered = capabilities.Get;
        }
        else
        {
            offered = (capabilities.Storage && IsStorage(uid, capabilities, ignoreList: false))
                || (requestorIsScp && capabilities.Get);
            anySyntax = capabilities.AcceptAnyStorageTransferSyntax;
        }

        if (!offered)
        {
            return (PresentationContextOutcome.AbstractSyntaxNotSupported, "");
        }

        foreach (var preferred in capabilities.PreferredTransferSyntaxes)
        {
            foreach (var proposed in proposal.TransferSyntaxes)
            {
                if (proposed == preferred)
                {
                    return (PresentationContextOutcome.Acceptance, proposed);
                }
            }
        }

        if (anySyntax && proposal.TransferSyntaxes.Count > 0 && proposal.TransferSyntaxes[0].Length > 0)
        {
            return (PresentationContextOutcome.Acceptance, proposal.TransferSyntaxes[0]);
        }

        return (PresentationContextOutcome.TransferSyntaxesNotSupported, "");
    }

    private static bool IsStorage(string uid, AcceptorCapabilities capabilities, bool ignoreList)
    {
        if (!ignoreList && capabilities.StorageSopClasses is { } list)
        {
            return list.Contains(uid);
        }

        return uid.Length > 0 && uid != DicomUids.Verification && !QueryRetrieveModels.IsAny(uid);
    }

    private static string FirstOrEmpty(PresentationContextProposal proposal) =>
        proposal.TransferSyntaxes.Count > 0 ? proposal.TransferSyntaxes[0] : DicomUids.ImplicitVRLittleEndian;
}
