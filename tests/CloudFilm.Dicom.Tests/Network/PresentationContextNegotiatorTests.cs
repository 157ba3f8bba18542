using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Pdus;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Tests.Network;

public class PresentationContextNegotiatorTests
{
    private const string CtStorage = DicomUids.CTImageStorage;
    private const string JpegLs = DicomUids.JPEGLSLossless;

    [Fact]
    public void The_acceptor_picks_by_its_own_preference_not_the_proposal_order()
    {
        var capabilities = new AcceptorCapabilities { Storage = true, PreferredTransferSyntaxes = [JpegLs, DicomUids.ExplicitVRLittleEndian] };
        var (contexts, results, _) = PresentationContextNegotiator.Negotiate(
            [new PresentationContextProposal(1, CtStorage, [DicomUids.ImplicitVRLittleEndian, DicomUids.ExplicitVRLittleEndian, JpegLs])], [], capabilities);

        results.Should().ContainSingle().Which.Should().Be(new PresentationContextResult(1, PresentationContextOutcome.Acceptance, JpegLs));
        contexts[0].IsAccepted.Should().BeTrue();
    }

    [Fact]
    public void Unsupported_abstract_and_transfer_syntaxes_get_their_own_reasons()
    {
        var capabilities = new AcceptorCapabilities { Find = true, Storage = false };
        var (_, results, _) = PresentationContextNegotiator.Negotiate(
        [
            new PresentationContextProposal(1, CtStorage, [DicomUids.ExplicitVRLittleEndian]),
            new PresentationContextProposal(3, DicomUids.StudyRootQueryRetrieveInformationModelFind, [JpegLs]),
            new PresentationContextProposal(5, DicomUids.StudyRootQueryRetrieveInformationModelFind, [DicomUids.ImplicitVRLittleEndian]),
            new PresentationContextProposal(7, DicomUids.StudyRootQueryRetrieveInformationModelMove, [DicomUids.ImplicitVRLittleEndian]),
        ], [], capabilities);

        results.Select(r => r.Outcome).Should().Equal(
            PresentationContextOutcome.AbstractSyntaxNotSupported,
            PresentationContextOutcome.TransferSyntaxesNotSupported,
            PresentationContextOutcome.Acceptance,
            PresentationContextOutcome.AbstractSyntaxNotSupported);
    }

    [Fact]
    public void Storage_accepts_a_compressed_syntax_as_received_when_none_is_preferred()
    {
        var (_, results, _) = PresentationContextNegotiator.Negotiate(
            [new PresentationContextProposal(1, CtStorage, [JpegLs])], [], new AcceptorCapabilities { Storage = true });
        results[0].Outcome.Should().Be(PresentationContextOutcome.Acceptance);
        results[0].TransferSyntax.Should().Be(JpegLs);

        var (_, strict, _) = PresentationContextNegotiator.Negotiate(
            [new PresentationContextProposal(1, CtStorage, [JpegLs])], [], new AcceptorCapabilities { Storage = true, AcceptAnyStorageTransferSyntax = false });
        strict[0].Outcome.Should().Be(PresentationContextOutcome.TransferSyntaxesNotSupported);
    }

    [Fact]
    public void Scp_role_for_storage_is_granted_only_when_c_get_is_offered()
    {
        var proposals = new[]
        {
            new PresentationContextProposal(1, DicomUids.StudyRootQueryRetrieveInformationModelGet, [DicomUids.ImplicitVRLittleEndian]),
            new PresentationContextProposal(3, CtStorage, [DicomUids.ExplicitVRLittleEndian]),
        };
        var roles = new[] { new RoleSelection(CtStorage, ScuRole: false, ScpRole: true) };

        var (contexts, results, answers) = PresentationContextNegotiator.Negotiate(proposals, roles, new AcceptorCapabilities { Get = true });
        answers.Should().Equal(new RoleSelection(CtStorage, false, true));
        results.Should().OnlyContain(r => r.Outcome == PresentationContextOutcome.Acceptance);
        contexts[1].RequestorIsScp.Should().BeTrue();
        contexts[1].RequestorIsScu.Should().BeFalse();

        var (_, withoutGet, refused) = PresentationContextNegotiator.Negotiate(proposals, roles, new AcceptorCapabilities());
        refused.Should().Equal(new RoleSelection(CtStorage, false, false));
        withoutGet[1].Outcome.Should().Be(PresentationContextOutcome.AbstractSyntaxNotSupported);
    }

    [Fact]
    public void Even_context_ids_are_refused()
    {
        var (_, results, _) = PresentationContextNegotiator.Negotiate(
            [new PresentationContextProposal(2, DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])], [], new AcceptorCapabilities());
        results[0].Outcome.Should().Be(PresentationContextOutcome.ProviderRejectionNoReason);
    }
}
