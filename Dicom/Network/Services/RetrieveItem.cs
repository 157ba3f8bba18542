namespace CloudFilm.Dicom.Network.Services;

/// <summary>
/// One instance to send as a C-STORE sub-operation: its UIDs, the transfer syntax its data set is encoded in, and
/// how to open that data set (the bytes after the Part 10 meta information) as a stream.
/// </summary>
public sealed record RetrieveItem(
    string SopClassUid,
    string SopInstanceUid,
    string TransferSyntaxUid,
    Func<CancellationToken, ValueTask<Stream>> OpenDataSet);
