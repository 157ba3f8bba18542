using CloudFilm.Dicom.Network.Pdus;

namespace CloudFilm.Dicom.Network.Association;

/// <summary>The acceptor answered A-ASSOCIATE-RQ with A-ASSOCIATE-RJ (PS3.8 7.1.1.7–9).</summary>
public sealed class AssociationRejectedException(AssociateRejectPdu reject)
    : DicomNetworkException($"association rejected: result {(byte)reject.Result}, source {(byte)reject.Source}, reason {(byte)reject.Reason}")
{
    public AssociateRejectPdu Reject { get; } = reject;
}
