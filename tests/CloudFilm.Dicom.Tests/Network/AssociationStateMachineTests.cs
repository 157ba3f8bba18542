using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Network.Association;
using static CloudFilm.Dicom.Network.Association.AssociationEvent;

namespace CloudFilm.Dicom.Tests.Network;

public class AssociationStateMachineTests
{
    private static AssociationStateMachine Established(bool requestor)
    {
        var machine = new AssociationStateMachine(requestor);
        if (requestor)
        {
            machine.Fire(LocalAssociateRequest).Should().Be(AssociationAction.AE1);
            machine.Fire(TransportConnected).Should().Be(AssociationAction.AE2);
            machine.Fire(AssociateAcceptReceived).Should().Be(AssociationAction.AE3);
        }
        else
        {
            machine.Fire(TransportIndication).Should().Be(AssociationAction.AE5);
            machine.Fire(AssociateRequestReceived).Should().Be(AssociationAction.AE6);
            machine.Fire(LocalAccept).Should().Be(AssociationAction.AE7);
        }

        machine.State.Should().Be(AssociationState.Established);
        return machine;
    }

    [Fact]
    public void Requestor_releases_in_order()
    {
        var machine = Established(requestor: true);
        machine.Fire(LocalData).Should().Be(AssociationAction.DT1);
        machine.Fire(DataReceived).Should().Be(AssociationAction.DT2);
        machine.Fire(LocalReleaseRequest).Should().Be(AssociationAction.AR1);
        machine.State.Should().Be(AssociationState.AwaitingReleaseResponse);
        machine.Fire(DataReceived).Should().Be(AssociationAction.AR6, "responses may still arrive while awaiting A-RELEASE-RP");
        machine.Fire(ReleaseResponseReceived).Should().Be(AssociationAction.AR3);
        machine.State.Should().Be(AssociationState.Idle);
    }

    [Fact]
    public void Acceptor_answers_release_then_waits_for_close()
    {
        var machine = Established(requestor: false);
        machine.Fire(ReleaseRequestReceived).Should().Be(AssociationAction.AR2);
        machine.Fire(LocalData).Should().Be(AssociationAction.AR7);
        machine.Fire(LocalReleaseResponse).Should().Be(AssociationAction.AR4);
        machine.State.Should().Be(AssociationState.AwaitingTransportClose);
        machine.Fire(DataReceived).Should().Be(AssociationAction.AA6, "PDUs in Sta13 are ignored");
        machine.Fire(TransportClosed).Should().Be(AssociationAction.AR5);
        machine.State.Should().Be(AssociationState.Idle);
    }

    [Fact]
    public void Release_collision_on_the_requestor_side_goes_through_sta9_and_sta11()
    {
        var machine = Established(requestor: true);
        machine.Fire(LocalReleaseRequest);
        machine.Fire(ReleaseRequestReceived).Should().Be(AssociationAction.AR8);
        machine.State.Should().Be(AssociationState.CollisionRequestorAwaitingLocalResponse);
        machine.Fire(LocalReleaseResponse).Should().Be(AssociationAction.AR9);
        machine.State.Should().Be(AssociationState.CollisionRequestorAwaitingReleaseResponse);
        machine.Fire(ReleaseResponseReceived).Should().Be(AssociationAction.AR3);
        machine.State.Should().Be(AssociationState.Idle);
    }

    [Fact]
    public void Release_collision_on_the_acceptor_side_goes_through_sta10_and_sta12()
    {
        var machine = Established(requestor: false);
        machine.Fire(LocalReleaseRequest);
        machine.Fire(ReleaseRequestReceived).Should().Be(AssociationAction.AR8);
        machine.State.Should().Be(AssociationState.CollisionAcceptorAwaitingReleaseResponse);
        machine.Fire(ReleaseResponseReceived).Should().Be(AssociationAction.AR10);
        machine.State.Should().Be(AssociationState.CollisionAcceptorAwaitingLocalResponse);
        machine.Fire(LocalReleaseResponse).Should().Be(AssociationAction.AR4);
        machine.State.Should().Be(AssociationState.AwaitingTransportClose);
    }

    [Fact]
    public void Data_before_association_request_is_answered_with_abort()
    {
        var machine = new AssociationStateMachine(isRequestor: false);
        machine.Fire(TransportIndication);
        machine.Fire(DataReceived).Should().Be(AssociationAction.AA1);
        machine.State.Should().Be(AssociationState.AwaitingTransportClose);
        machine.Fire(ArtimExpired).Should().Be(AssociationAction.AA2);
        machine.State.Should().Be(AssociationState.Idle);
    }

    [Fact]
    public void Second_association_request_on_an_established_association_aborts_it()
    {
        var machine = Established(requestor: false);
        machine.Fire(AssociateRequestReceived).Should().Be(AssociationAction.AA8);
        machine.State.Should().Be(AssociationState.AwaitingTransportClose);
    }

    [Fact]
    public void Rejected_request_ends_idle_on_the_requestor_and_waits_for_close_on_the_acceptor()
    {
        var requestor = new AssociationStateMachine(isRequestor: true);
        requestor.Fire(LocalAssociateRequest);
        requestor.Fire(TransportConnected);
        requestor.Fire(AssociateRejectReceived).Should().Be(AssociationAction.AE4);
        requestor.State.Should().Be(AssociationState.Idle);

        var acceptor = new AssociationStateMachine(isRequestor: false);
        acceptor.Fire(TransportIndication);
        acceptor.Fire(AssociateRequestReceived);
        acceptor.Fire(LocalReject).Should().Be(AssociationAction.AE8);
        acceptor.State.Should().Be(AssociationState.AwaitingTransportClose);
    }

    [Fact]
    public void Abort_and_lost_connection_return_to_idle()
    {
        var machine = Established(requestor: true);
        machine.Fire(AbortReceived).Should().Be(AssociationAction.AA3);
        machine.State.Should().Be(AssociationState.Idle);

        var other = Established(requestor: false);
        other.Fire(TransportClosed).Should().Be(AssociationAction.AA4);
        other.State.Should().Be(AssociationState.Idle);

        var third = Established(requestor: false);
        third.Fire(InvalidPduReceived).Should().Be(AssociationAction.AA8);
        third.Allows(LocalAbort).Should().BeFalse("Sta13 has no entry for a local abort");
    }

    [Fact]
    public void Local_misuse_throws_and_leaves_the_state_unchanged()
    {
        var machine = Established(requestor: true);
        var act = () => machine.Fire(LocalAccept);
        act.Should().Throw<DicomNetworkException>().WithMessage("*Evt7*Sta6*");
        machine.State.Should().Be(AssociationState.Established);
        machine.Allows(LocalReleaseResponse).Should().BeFalse();
    }
}
