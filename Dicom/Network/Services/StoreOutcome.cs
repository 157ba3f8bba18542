using CloudFilm.Dicom.Network.Dimse;

namespace CloudFilm.Dicom.Network.Services;

/// <summary>Status of a C-STORE (PS3.4 B.2.3) and an optional error comment.</summary>
public sealed record StoreOutcome(DimseStatus Status, string? ErrorComment = null)
{
    public static readonly StoreOutcome Success = new(DimseStatus.Success);
}
