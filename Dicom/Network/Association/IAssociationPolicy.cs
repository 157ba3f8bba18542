namespace CloudFilm.Dicom.Network.Association;

/// <summary>Decides whether an acceptor takes an association, by calling and called AE title, address and user identity.</summary>
public interface IAssociationPolicy
{
    ValueTask<AssociationDecision> DecideAsync(AssociationRequestContext context, CancellationToken cancellationToken);
}
