using CloudFilm.Dicom.Codecs;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network;

/// <summary>
/// The UIDs the network layer uses, under the short names its callers know (PS3.6 Annex A). Every value is defined
/// once, in <see cref="DicomUids"/> (SOP classes, this implementation's identity, PS3.7 D.3.3.2) or
/// <see cref="TransferSyntaxUids"/>; this class only names them and groups them for negotiation.
/// </summary>
public static class NetworkUids
{
    /// <summary>Implementation Class UID of CloudFilm, the same in association requests and in files (PS3.7 D.3.3.2).</summary>
    public const string ImplementationClassUid = DicomUids.ImplementationClassUid;

    /// <summary>Implementation Version Name: at most 16 characters.</summary>
    public const string ImplementationVersionName = DicomUids.ImplementationVersionName;

    public const string ImplicitVRLittleEndian = TransferSyntaxUids.ImplicitVRLittleEndian;
    public const string ExplicitVRLittleEndian = TransferSyntaxUids.ExplicitVRLittleEndian;
    public const string DeflatedExplicitVRLittleEndian = TransferSyntaxUids.DeflatedExplicitVRLittleEndian;
    public const string ExplicitVRBigEndian = TransferSyntaxUids.ExplicitVRBigEndian;

    public const string Verification = DicomUids.Verification;

    public const string PatientRootFind = DicomUids.PatientRootQueryRetrieveFind;
    public const string PatientRootMove = DicomUids.PatientRootQueryRetrieveMove;
    public const string PatientRootGet = DicomUids.PatientRootQueryRetrieveGet;
    public const string StudyRootFind = DicomUids.StudyRootQueryRetrieveFind;
    public const string StudyRootMove = DicomUids.StudyRootQueryRetrieveMove;
    public const string StudyRootGet = DicomUids.StudyRootQueryRetrieveGet;

    /// <summary>Uncompressed syntaxes, the ones every application must be able to use for queries.</summary>
    public static readonly IReadOnlyList<string> UncompressedLittleEndian = [ExplicitVRLittleEndian, ImplicitVRLittleEndian];

    public static bool IsFindModel(string uid) => uid is PatientRootFind or StudyRootFind;

    public static bool IsMoveModel(string uid) => uid is PatientRootMove or StudyRootMove;

    public static bool IsGetModel(string uid) => uid is PatientRootGet or StudyRootGet;
}
