using System.Net;
using CloudFilm.Dicom.Network.Pdus;

namespace CloudFilm.Dicom.Network.Association;

/// <summary>What an acceptor knows about an association request when deciding whether to accept it.</summary>
public sealed record AssociationRequestContext(
    string CallingAeTitle,
    string CalledAeTitle,
    IPAddress RemoteAddress,
    UserIdentity? UserIdentity,
    AssociateRequestPdu Request);
