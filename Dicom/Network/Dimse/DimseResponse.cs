namespace CloudFilm.Dicom.Network.Dimse;

/// <summary>A DIMSE response as an SCU receives it: the command and, for C-FIND pending responses and some failures, a data set.</summary>
public sealed record DimseResponse(DimseCommand Command, byte[]? DataSet)
{
    public DimseStatus Status => Command.Status;
}
