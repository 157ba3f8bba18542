namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>Who aborted the association (PS3.8 9.3.8, Source field).</summary>
public enum AbortSource : byte
{
    ServiceUser = 0,
    ServiceProvider = 2,
}

/// <summary>Reason/Diag. field of an A-ABORT from the service provider (PS3.8 9.3.8).</summary>
public enum AbortReason : byte
{
    NotSpecified = 0,
    UnrecognizedPdu = 1,
    UnexpectedPdu = 2,
    UnrecognizedPduParameter = 4,
    UnexpectedPduParameter = 5,
    InvalidPduParameterValue = 6,
}
