namespace CloudFilm.Dicom.Network.Association;

/// <summary>Events of the upper layer state machine (PS3.8 9.2, Table 9-10), numbered as in the standard.</summary>
public enum AssociationEvent
{
    /// <summary>Evt1: local A-ASSOCIATE request.</summary>
    LocalAssociateRequest = 1,
    /// <summary>Evt2: transport connection confirmed.</summary>
    TransportConnected = 2,
    /// <summary>Evt3: A-ASSOCIATE-AC received.</summary>
    AssociateAcceptReceived = 3,
    /// <summary>Evt4: A-ASSOCIATE-RJ received.</summary>
    AssociateRejectReceived = 4,
    /// <summary>Evt5: incoming transport connection.</summary>
    TransportIndication = 5,
    /// <summary>Evt6: A-ASSOCIATE-RQ received.</summary>
    AssociateRequestReceived = 6,
    /// <summary>Evt7: local A-ASSOCIATE response, accept.</summary>
    LocalAccept = 7,
    /// <summary>Evt8: local A-ASSOCIATE response, reject.</summary>
    LocalReject = 8,
    /// <summary>Evt9: local P-DATA request.</summary>
    LocalData = 9,
    /// <summary>Evt10: P-DATA-TF received.</summary>
    DataReceived = 10,
    /// <summary>Evt11: local A-RELEASE request.</summary>
    LocalReleaseRequest = 11,
    /// <summary>Evt12: A-RELEASE-RQ received.</summary>
    ReleaseRequestReceived = 12,
    /// <summary>Evt13: A-RELEASE-RP received.</summary>
    ReleaseResponseReceived = 13,
    /// <summary>Evt14: local A-RELEASE response.</summary>
    LocalReleaseResponse = 14,
    /// <summary>Evt15: local A-ABORT request.</summary>
    LocalAbort = 15,
    /// <summary>Evt16: A-ABORT received.</summary>
    AbortReceived = 16,
    /// <summary>Evt17: transport connection closed.</summary>
    TransportClosed = 17,
    /// <summary>Evt18: ARTIM timer expired.</summary>
    ArtimExpired = 18,
    /// <summary>Evt19: unrecognized or invalid PDU received.</summary>
    InvalidPduReceived = 19,
}
