namespace CloudFilm.Dicom.Network.Association;

/// <summary>Actions of the upper layer state machine (PS3.8 9.2, Table 9-6 to 9-9), named as in the standard.</summary>
public enum AssociationAction
{
    /// <summary>Issue transport connect.</summary>
    AE1,
    /// <summary>Send A-ASSOCIATE-RQ.</summary>
    AE2,
    /// <summary>Issue A-ASSOCIATE confirmation (accept).</summary>
    AE3,
    /// <summary>Issue A-ASSOCIATE confirmation (reject), close transport.</summary>
    AE4,
    /// <summary>Issue transport connection response, start ARTIM.</summary>
    AE5,
    /// <summary>Stop ARTIM, issue A-ASSOCIATE indication (an unacceptable request continues with Evt8/AE-8).</summary>
    AE6,
    /// <summary>Send A-ASSOCIATE-AC.</summary>
    AE7,
    /// <summary>Send A-ASSOCIATE-RJ, start ARTIM.</summary>
    AE8,
    /// <summary>Send P-DATA-TF.</summary>
    DT1,
    /// <summary>Issue P-DATA indication.</summary>
    DT2,
    /// <summary>Send A-RELEASE-RQ.</summary>
    AR1,
    /// <summary>Issue A-RELEASE indication.</summary>
    AR2,
    /// <summary>Issue A-RELEASE confirmation, close transport.</summary>
    AR3,
    /// <summary>Send A-RELEASE-RP, start ARTIM.</summary>
    AR4,
    /// <summary>Stop ARTIM.</summary>
    AR5,
    /// <summary>Issue P-DATA indication while awaiting A-RELEASE-RP.</summary>
    AR6,
    /// <summary>Send P-DATA-TF while awaiting the local release response.</summary>
    AR7,
    /// <summary>Issue A-RELEASE indication (release collision).</summary>
    AR8,
    /// <summary>Send A-RELEASE-RP (collision, requestor).</summary>
    AR9,
    /// <summary>Issue A-RELEASE confirmation (collision, acceptor).</summary>
    AR10,
    /// <summary>Send A-ABORT, start ARTIM.</summary>
    AA1,
    /// <summary>Stop ARTIM, close transport.</summary>
    AA2,
    /// <summary>Issue A-ABORT / A-P-ABORT indication, close transport.</summary>
    AA3,
    /// <summary>Issue A-P-ABORT indication.</summary>
    AA4,
    /// <summary>Stop ARTIM.</summary>
    AA5,
    /// <summary>Ignore PDU.</summary>
    AA6,
    /// <summary>Send A-ABORT.</summary>
    AA7,
    /// <summary>Send A-ABORT (service provider), issue A-P-ABORT indication, start ARTIM.</summary>
    AA8,
}
