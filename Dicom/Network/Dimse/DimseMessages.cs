using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Dimse;

/// <summary>Builds the DIMSE-C request and response command sets (PS3.7 9.3), with the fields each one requires.</summary>
public static class DimseMessages
{
    public static DimseCommand EchoRequest(ushort messageId) =>
        Request(DimseCommandField.CEchoRequest, messageId, DicomUids.Verification);

    public static DimseCommand StoreRequest(ushort messageId, string sopClassUid, string sopInstanceUid, ushort priority = 0,
        string? moveOriginatorAeTitle = null, ushort? moveOriginatorMessageId = null)
    {
        var command = Request(DimseCommandField.CStoreRequest, messageId, sopClassUid);
        command.AffectedSopInstanceUid = sopInstanceUid;
        command.Priority = priority;
        if (moveOriginatorAeTitle is not null)
        {
            command.MoveOriginatorAeTitle = moveOriginatorAeTitle;
            command.MoveOriginatorMessageId = moveOriginatorMessageId ?? 0;
        }

        return command;
    }

    public static DimseCommand FindRequest(ushort messageId, string sopClassUid, ushort priority = 0)
    {
        var command = Request(DimseCommandField.CFindRequest, messageId, sopClassUid);
        command.Priority = priority;
        return command;
    }

    public static DimseCommand MoveRequest(ushort messageId, string sopClassUid, string destinationAeTitle, ushort priority = 0)
    {
        var command = Request(DimseCommandField.CMoveRequest, messageId, sopClassUid);
        command.Priority = priority;
        command.MoveDestination = destinationAeTitle;
        return command;
    }

    public static DimseCommand GetRequest(ushort messageId, string sopClassUid, ushort priority = 0)
    {
        var command = Request(DimseCommandField.CGetRequest, messageId, sopClassUid);
        command.Priority = priority;
        return command;
    }

    /// <summary>C-CANCEL-RQ (PS3.7 9.3.2.3): names the operation it cancels by its message id.</summary>
    public static DimseCommand CancelRequest(ushort messageIdBeingCancelled)
    {
        var command = new DimseCommand
        {
            CommandField = DimseCommandField.CCancelRequest,
            MessageIdBeingRespondedTo = messageIdBeingCancelled,
        };
        command.HasDataSet = false;
        return command;
    }

    /// <summary>
    /// The response to <paramref name="request"/> with <paramref name="status"/>; affected SOP class (and instance
    /// for C-STORE) are copied from the request as PS3.7 9.3 asks.
    /// </summary>
    public static DimseCommand Response(DimseCommand request, DimseStatus status)
    {
        var command = new DimseCommand
        {
            CommandField = (DimseCommandField)((ushort)request.CommandField | 0x8000),
            MessageIdBeingRespondedTo = request.MessageId,
            Status = status,
        };
        if (request.Contains(DimseCommand.AffectedSopClassUidElement))
        {
            command.AffectedSopClassUid = request.AffectedSopClassUid;
        }

        if (request.CommandField == DimseCommandField.CStoreRequest && request.Contains(DimseCommand.AffectedSopInstanceUidElement))
        {
            command.AffectedSopInstanceUid = request.AffectedSopInstanceUid;
        }

        command.HasDataSet = false;
        return command;
    }

    private static DimseCommand Request(DimseCommandField field, ushort messageId, string sopClassUid)
    {
        var command = new DimseCommand { CommandField = field, MessageId = messageId, AffectedSopClassUid = sopClassUid };
        command.HasDataSet = false;
        return command;
    }
}
