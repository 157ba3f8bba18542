namespace CloudFilm.Dicom.Network.Services;

/// <summary>
/// One instance to send as a C-STORE sub-operation: its UIDs, the transfer syntax it is stored in, and how to open
/// its data set (the bytes after the Part 10 meta information) as a stream encoded in a given transfer syntax. The
/// SCP picks that syntax from what the receiver accepted (<see cref="StorageContexts.Choose"/>): the stored one
/// when it can, so the stored bytes go as they are, else an uncompressed one the opener transcodes to.
/// </summary>
public sealed record RetrieveItem(
    string SopClassUid,
    string SopInstanceUid,
    string TransferSyntaxUid,
    Func<string, CancellationToken, ValueTask<Stream>> OpenDataSet);
