namespace CloudFilm.Dicom.Network.Dimse;

/// <summary>
/// Receives the DIMSE messages an association assembles from P-DATA fragments (PS3.7 6.3, PS3.8 Annex E). Called
/// from the association's receive loop, one message at a time: long work belongs on another task.
/// </summary>
public interface IDimseMessageTarget
{
    /// <summary>A command announcing a data set has arrived; returns where that data set's bytes should go.</summary>
    ValueTask<IDataSetSink> OpenDataSetAsync(byte contextId, DimseCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// A whole message: its command and, when it had one, the sink from <see cref="OpenDataSetAsync"/> after its last
    /// fragment. The target owns the sink and disposes it.
    /// </summary>
    ValueTask OnMessageAsync(byte contextId, DimseCommand command, IDataSetSink? dataSet, CancellationToken cancellationToken);
}
