using CloudFilm.Dicom.Network.Dimse;

namespace CloudFilm.Dicom.Network.Services;

/// <summary>Counts of C-STORE sub-operations of a C-MOVE or C-GET, as its responses report them (PS3.7 9.1.3.1, 9.1.4.1).</summary>
internal sealed class SubOperationCounts(int total)
{
    public int Remaining { get; private set; } = total;

    public int Completed { get; private set; }

    public int Failed { get; private set; }

    public int Warning { get; private set; }

    public void Record(DimseStatus status)
    {
        Remaining--;
        switch (status.Category)
        {
            case DimseStatusCategory.Success:
                Completed++;
                break;
            case DimseStatusCategory.Warning:
                Warning++;
                break;
            default:
                Failed++;
                break;
        }
    }

    public void FailRemaining()
    {
        Failed += Remaining;
        Remaining = 0;
    }

    public void WriteTo(DimseCommand response, bool includeRemaining)
    {
        if (includeRemaining)
        {
            response.RemainingSubOperations = Clamp(Remaining);
        }

        response.CompletedSubOperations = Clamp(Completed);
        response.FailedSubOperations = Clamp(Failed);
        response.WarningSubOperations = Clamp(Warning);
    }

    private static ushort Clamp(int value) => (ushort)Math.Min(value, ushort.MaxValue);
}
