namespace CloudFilm.Dicom.Network.Association;

/// <summary>
/// The upper layer protocol state machine (PS3.8 9.2.3, Table 9-10): given an event in the current state, the
/// action to perform and the next state. It performs no I/O; the association runtime does what the action says.
/// An event with no entry in the table for the current state is a local misuse and throws.
/// </summary>
public sealed class AssociationStateMachine
{
    public AssociationStateMachine(bool isRequestor)
    {
        IsRequestor = isRequestor;
    }

    /// <summary>True for the association-requestor, which decides where a release collision goes (AR-8).</summary>
    public bool IsRequestor { get; }

    public AssociationState State { get; private set; } = AssociationState.Idle;

    /// <summary>Applies <paramref name="evt"/>: moves to the next state and returns the action the caller must perform.</summary>
    public AssociationAction Fire(AssociationEvent evt)
    {
        var (action, next) = Transition(State, evt, IsRequestor)
            ?? throw new DicomNetworkException($"upper layer event {evt} (Evt{(int)evt}) is not allowed in state Sta{(int)State}");
        State = next;
        return action;
    }

    /// <summary>Whether <paramref name="evt"/> has an entry for the current state.</summary>
    public bool Allows(AssociationEvent evt) => Transition(State, evt, IsRequestor) is not null;

    private static (AssociationAction, AssociationState)? Transition(AssociationState state, AssociationEvent evt, bool isRequestor)
    {
        const AssociationState sta1 = AssociationState.Idle;
        const AssociationState sta13 = AssociationState.AwaitingTransportClose;
        var s = (int)state;
        var inDataOrRelease = s is >= 6 and <= 12; // Sta6–Sta12
        var associatedOrNegotiating = s == 3 || s == 5 || inDataOrRelease; // Sta3, Sta5–Sta12

        switch (evt)
        {
            case AssociationEvent.LocalAssociateRequest when s == 1:
                return (AssociationAction.AE1, AssociationState.AwaitingTransportOpen);
            case AssociationEvent.TransportConnected when s == 4:
                return (AssociationAction.AE2, AssociationState.AwaitingAssociateResponse);
            case AssociationEvent.TransportIndication when s == 1:
                return (AssociationAction.AE5, AssociationState.AwaitingAssociateRequest);

            case AssociationEvent.AssociateAcceptReceived:
                return s switch
                {
                    2 => (AssociationAction.AA1, sta13),
                    5 => (AssociationAction.AE3, AssociationState.Established),
                    13 => (AssociationAction.AA6, sta13),
                    _ when associatedOrNegotiating => (AssociationAction.AA8, sta13),
                    _ => null,
                };
            case AssociationEvent.AssociateRejectReceived:
                return s switch
                {
                    2 => (AssociationAction.AA1, sta13),
                    5 => (AssociationAction.AE4, sta1),
                    13 => (AssociationAction.AA6, sta13),
                    _ when associatedOrNegotiating => (AssociationAction.AA8, sta13),
                    _ => null,
                };
            case AssociationEvent.AssociateRequestReceived:
                return s switch
                {
                    2 => (AssociationAction.AE6, AssociationState.AwaitingLocalAssociateResponse),
                    13 => (AssociationAction.AA7, sta13),
                    _ when associatedOrNegotiating => (AssociationAction.AA8, sta13),
                    _ => null,
                };
            case AssociationEvent.LocalAccept when s == 3:
                return (AssociationAction.AE7, AssociationState.Established);
            case AssociationEvent.LocalReject when s == 3:
                return (AssociationAction.AE8, sta13);

            case AssociationEvent.LocalData:
                return s switch
                {
                    6 => (AssociationAction.DT1, AssociationState.Established),
                    8 => (AssociationAction.AR7, AssociationState.AwaitingLocalReleaseResponse),
                    _ => null,
                };
            case AssociationEvent.DataReceived:
                return s switch
                {
                    2 => (AssociationAction.AA1, sta13),
                    6 => (AssociationAction.DT2, AssociationState.Established),
                    7 => (AssociationAction.AR6, AssociationState.AwaitingReleaseResponse),
                    13 => (AssociationAction.AA6, sta13),
                    _ when associatedOrNegotiating => (AssociationAction.AA8, sta13),
                    _ => null,
                };

            case AssociationEvent.LocalReleaseRequest when s == 6:
                return (AssociationAction.AR1, AssociationState.AwaitingReleaseResponse);
            case AssociationEvent.ReleaseRequestReceived:
                return s switch
                {
                    2 => (AssociationAction.AA1, sta13),
                    6 => (AssociationAction.AR2, AssociationState.AwaitingLocalReleaseResponse),
                    7 => (AssociationAction.AR8, isRequestor
                        ? AssociationState.CollisionRequestorAwaitingLocalResponse
                        : AssociationState.CollisionAcceptorAwaitingReleaseResponse),
                    13 => (AssociationAction.AA6, sta13),
                    _ when associatedOrNegotiating => (AssociationAction.AA8, sta13),
                    _ => null,
                };
            case AssociationEvent.ReleaseResponseReceived:
                return s switch
                {
                    2 => (AssociationAction.AA1, sta13),
                    7 => (AssociationAction.AR3, sta1),
                    10 => (AssociationAction.AR10, AssociationState.CollisionAcceptorAwaitingLocalResponse),
                    11 => (AssociationAction.AR3, sta1),
                    13 => (AssociationAction.AA6, sta13),
                    _ when associatedOrNegotiating => (AssociationAction.AA8, sta13),
                    _ => null,
                };
            case AssociationEvent.LocalReleaseResponse:
                return s switch
                {
                    8 => (AssociationAction.AR4, sta13),
                    9 => (AssociationAction.AR9, AssociationState.CollisionRequestorAwaitingReleaseResponse),
                    12 => (AssociationAction.AR4, sta13),
                    _ => null,
                };

            case AssociationEvent.LocalAbort:
                return s switch
                {
                    3 => (AssociationAction.AA1, sta13),
                    4 => (AssociationAction.AA2, sta1),
                    _ when s >= 5 && s <= 12 => (AssociationAction.AA1, sta13),
                    _ => null,
                };
            case AssociationEvent.AbortReceived:
                return s switch
                {
                    2 or 13 => (AssociationAction.AA2, sta1),
                    _ when s >= 3 && s <= 12 => (AssociationAction.AA3, sta1),
                    _ => null,
                };
            case AssociationEvent.TransportClosed:
                return s switch
                {
                    2 => (AssociationAction.AA5, sta1),
                    13 => (AssociationAction.AR5, sta1),
                    _ when s >= 3 && s <= 12 => (AssociationAction.AA4, sta1),
                    _ => null,
                };
            case AssociationEvent.ArtimExpired when s is 2 or 13:
                return (AssociationAction.AA2, sta1);
            case AssociationEvent.InvalidPduReceived:
                return s switch
                {
                    2 => (AssociationAction.AA1, sta13),
                    13 => (AssociationAction.AA7, sta13),
                    _ when associatedOrNegotiating => (AssociationAction.AA8, sta13),
                    _ => null,
                };
            default:
                return null;
        }
    }
}
