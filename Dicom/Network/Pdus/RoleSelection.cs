namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>
/// SCP/SCU Role Selection sub-item (PS3.7 D.3.3.4): whether the requestor may act as SCU and/or SCP for a SOP
/// class. C-GET needs the requestor to accept the SCP role for the storage classes it retrieves.
/// </summary>
public sealed record RoleSelection(string SopClassUid, bool ScuRole, bool ScpRole);
