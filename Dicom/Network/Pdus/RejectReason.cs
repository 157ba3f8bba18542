namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>Result field of A-ASSOCIATE-RJ (PS3.8 9.3.4).</summary>
public enum RejectResult : byte
{
    Permanent = 1,
    Transient = 2,
}

/// <summary>Source field of A-ASSOCIATE-RJ (PS3.8 9.3.4); it decides how <see cref="RejectReason"/> is read.</summary>
public enum RejectSource : byte
{
    ServiceUser = 1,
    ServiceProviderAcse = 2,
    ServiceProviderPresentation = 3,
}

/// <summary>
/// Reason/Diag. field of A-ASSOCIATE-RJ (PS3.8 9.3.4). The same byte means different things per source, so the
/// names carry the source: values 1–10 with <see cref="RejectSource.ServiceUser"/>, 1–2 with ACSE, 1–2 with presentation.
/// </summary>
public enum RejectReason : byte
{
    NoReasonGiven = 1,
    ApplicationContextNotSupported = 2,
    CallingAeNotRecognized = 3,
    CalledAeNotRecognized = 7,

    /// <summary>Source ACSE: protocol version not supported (value 2).</summary>
    ProtocolVersionNotSupported = 2,

    /// <summary>Source presentation: temporary congestion (value 1).</summary>
    TemporaryCongestion = 1,

    /// <summary>Source presentation: local limit exceeded (value 2).</summary>
    LocalLimitExceeded = 2,
}
