namespace CloudFilm.Dicom.Network;

/// <summary>
/// UIDs the network layer itself needs (PS3.6 Annex A): transfer syntaxes it proposes by default, the
/// verification and query/retrieve SOP classes, and this implementation's identity (PS3.7 D.3.3.2).
/// </summary>
public static class NetworkUids
{
    /// <summary>Implementation Class UID of CloudFilm (a UUID-derived UID, PS3.5 B.2).</summary>
    public const string ImplementationClassUid = "2.25.318546233937064785478422177192167815421";

    /// <summary>Implementation Version Name: at most 16 characters.</summary>
    public const string ImplementationVersionName = "CLOUDFILM_1";

    public const string ImplicitVRLittleEndian = "1.2.840.10008.1.2";
    public const string ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";
    public const string DeflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99";
    public const string ExplicitVRBigEndian = "1.2.840.10008.1.2.2";

    public const string Verification = "1.2.840.10008.1.1";

    public const string PatientRootFind = "1.2.840.10008.5.1.4.1.2.1.1";
    public const string PatientRootMove = "1.2.840.10008.5.1.4.1.2.1.2";
    public const string PatientRootGet = "1.2.840.10008.5.1.4.1.2.1.3";
    public const string StudyRootFind = "1.2.840.10008.5.1.4.1.2.2.1";
    public const string StudyRootMove = "1.2.840.10008.5.1.4.1.2.2.2";
    public const string StudyRootGet = "1.2.840.10008.5.1.4.1.2.2.3";

    /// <summary>Uncompressed syntaxes, the ones every application must be able to use for queries.</summary>
    public static readonly IReadOnlyList<string> UncompressedLittleEndian = [ExplicitVRLittleEndian, ImplicitVRLittleEndian];

    public static bool IsFindModel(string uid) => uid is PatientRootFind or StudyRootFind;

    public static bool IsMoveModel(string uid) => uid is PatientRootMove or StudyRootMove;

    public static bool IsGetModel(string uid) => uid is PatientRootGet or StudyRootGet;
}
