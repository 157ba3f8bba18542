namespace CloudFilm.Dicom.Network.Dimse;

/// <summary>How a status code is to be read (PS3.7 C.1.2).</summary>
public enum DimseStatusCategory
{
    Success,
    Warning,
    Failure,
    Cancel,
    Pending,
}

/// <summary>
/// A DIMSE Status (0000,0900) value (PS3.7 Annex C, PS3.4 service-specific codes). Categories follow the code
/// ranges of PS3.7 C.1.2 and the C-STORE/C-FIND/C-MOVE/C-GET tables of PS3.4 Annex B and C.
/// </summary>
public readonly record struct DimseStatus(ushort Code)
{
    public static readonly DimseStatus Success = new(0x0000);
    public static readonly DimseStatus Pending = new(0xFF00);
    /// <summary>C-FIND pending: one or more optional keys were not supported (PS3.4 C.4.1.1.4).</summary>
    public static readonly DimseStatus PendingWithWarning = new(0xFF01);
    public static readonly DimseStatus Cancel = new(0xFE00);
    /// <summary>C-STORE refused: out of resources (PS3.4 B.2.3, A7xx).</summary>
    public static readonly DimseStatus OutOfResources = new(0xA700);
    /// <summary>C-FIND/C-MOVE/C-GET: out of resources, unable to calculate number of matches (A701) / sub-operations (A702).</summary>
    public static readonly DimseStatus OutOfResourcesMatches = new(0xA701);
    public static readonly DimseStatus OutOfResourcesSubOperations = new(0xA702);
    /// <summary>C-MOVE: move destination unknown (PS3.4 C.4.2.1.5).</summary>
    public static readonly DimseStatus MoveDestinationUnknown = new(0xA801);
    /// <summary>C-STORE error: data set does not match SOP class (A9xx); C-FIND: identifier does not match SOP class (A900).</summary>
    public static readonly DimseStatus DataSetDoesNotMatchSopClass = new(0xA900);
    /// <summary>C-STORE error: cannot understand (Cxxx); C-FIND/C-MOVE/C-GET: unable to process (C000–CFFF).</summary>
    public static readonly DimseStatus CannotUnderstand = new(0xC000);
    /// <summary>C-STORE warning: coercion of data elements (B000); C-MOVE/C-GET: sub-operations complete, one or more failures.</summary>
    public static readonly DimseStatus CoercionOfDataElements = new(0xB000);
    public static readonly DimseStatus SubOperationsCompleteWithFailures = new(0xB000);
    /// <summary>C-STORE warning: data set does not match SOP class (B007).</summary>
    public static readonly DimseStatus DataSetDoesNotMatchSopClassWarning = new(0xB007);
    /// <summary>C-STORE warning: elements discarded (B006).</summary>
    public static readonly DimseStatus ElementsDiscarded = new(0xB006);
    public static readonly DimseStatus ProcessingFailure = new(0x0110);
    public static readonly DimseStatus DuplicateSopInstance = new(0x0111);
    public static readonly DimseStatus NoSuchSopClass = new(0x0118);
    public static readonly DimseStatus SopClassNotSupported = new(0x0122);
    public static readonly DimseStatus DuplicateInvocation = new(0x0210);
    public static readonly DimseStatus UnrecognizedOperation = new(0x0211);
    public static readonly DimseStatus MistypedArgument = new(0x0212);
    public static readonly DimseStatus ResourceLimitation = new(0x0213);

    public DimseStatusCategory Category => Code switch
    {
        0x0000 => DimseStatusCategory.Success,
        0xFF00 or 0xFF01 => DimseStatusCategory.Pending,
        0xFE00 => DimseStatusCategory.Cancel,
        0x0001 or 0x0107 or 0x0116 => DimseStatusCategory.Warning,
        _ when (Code & 0xF000) == 0xB000 => DimseStatusCategory.Warning,
        _ => DimseStatusCategory.Failure,
    };

    public bool IsSuccess => Category == DimseStatusCategory.Success;

    public bool IsPending => Category == DimseStatusCategory.Pending;

    /// <summary>Final and not a failure: success or warning.</summary>
    public bool IsSuccessOrWarning => Category is DimseStatusCategory.Success or DimseStatusCategory.Warning;

    public override string ToString() => $"{Code:X4}H ({Category})";
}
