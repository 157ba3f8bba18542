using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network;

/// <summary>
/// Which SOP classes are query/retrieve information models (PS3.4 C.6.1, C.6.2), and for which DIMSE service: the
/// presentation contexts of C-FIND, C-MOVE and C-GET are checked against these.
/// </summary>
public static class QueryRetrieveModels
{
    public static bool IsFind(string sopClassUid) =>
        sopClassUid is DicomUids.PatientRootQueryRetrieveInformationModelFind or DicomUids.StudyRootQueryRetrieveInformationModelFind;

    public static bool IsMove(string sopClassUid) =>
        sopClassUid is DicomUids.PatientRootQueryRetrieveInformationModelMove or DicomUids.StudyRootQueryRetrieveInformationModelMove;

    public static bool IsGet(string sopClassUid) =>
        sopClassUid is DicomUids.PatientRootQueryRetrieveInformationModelGet or DicomUids.StudyRootQueryRetrieveInformationModelGet;

    /// <summary>Any of the find, move and get models.</summary>
    public static bool IsAny(string sopClassUid) => IsFind(sopClassUid) || IsMove(sopClassUid) || IsGet(sopClassUid);
}
