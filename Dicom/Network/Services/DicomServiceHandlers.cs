namespace CloudFilm.Dicom.Network.Services;

/// <summary>
/// The services a <see cref="DicomServer"/> offers, each provided by the host. C-ECHO is always answered; a
/// service whose handler is null is not offered (its abstract syntaxes are refused in negotiation).
/// </summary>
public sealed record DicomServiceHandlers
{
    public IStoreHandler? Store { get; init; }

    public IFindHandler? Find { get; init; }

    public IRetrieveHandler? Move { get; init; }

    public IRetrieveHandler? Get { get; init; }
}
