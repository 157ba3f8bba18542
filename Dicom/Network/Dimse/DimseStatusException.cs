namespace CloudFilm.Dicom.Network.Dimse;

/// <summary>
/// Thrown by a service handler to answer a request with a specific DIMSE status (PS3.4, e.g. A700 out of resources,
/// A900 data set does not match SOP class) instead of the generic processing failure.
/// </summary>
public sealed class DimseStatusException(DimseStatus status, string message) : DicomException(message)
{
    public DimseStatus Status { get; } = status;
}
