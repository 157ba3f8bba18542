using System.Numerics;

namespace CloudFilm.Dicom.Uids;

/// <summary>New UIDs derived from a random UUID under the 2.25 root (PS3.5 §B.2): unique without a registered root.</summary>
public static class DicomUidGenerator
{
    public static string NewUid() => "2.25." + new BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true);
}
