using CloudFilm.Dicom.Network.Dimse;

namespace CloudFilm.Tools.CfDicom.Commands;

/// <summary>Prints the sub-operation counts of C-MOVE/C-GET responses (PS3.7 9.1.3.1) as they arrive.</summary>
internal static class RetrieveProgress
{
    public static async Task<DimseStatus> PrintAsync(IAsyncEnumerable<DimseResponse> responses)
    {
        var final = DimseStatus.ProcessingFailure;
        await foreach (var response in responses)
        {
            var c = response.Command;
            Console.WriteLine($"{(response.Status.IsPending ? "pending" : "final")} status {response.Status}: remaining {c.RemainingSubOperations?.ToString() ?? "-"}, " +
                $"completed {c.CompletedSubOperations ?? 0}, failed {c.FailedSubOperations ?? 0}, warning {c.WarningSubOperations ?? 0}");
            if (!response.Status.IsPending)
            {
                final = response.Status;
            }
        }

        return final;
    }
}
