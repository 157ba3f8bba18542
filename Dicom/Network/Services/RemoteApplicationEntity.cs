namespace CloudFilm.Dicom.Network.Services;

/// <summary>A peer application entity: its AE title and network address (PS3.8 7.1.1.3). C-MOVE destinations are configured this way.</summary>
public sealed record RemoteApplicationEntity(string AeTitle, string Host, int Port);
