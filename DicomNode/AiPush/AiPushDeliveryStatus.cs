namespace CloudFilm.DicomNode.AiPush;

/// <summary>Where one push of one exam to one AI host is (<c>ai_push_deliveries.status</c>).</summary>
public enum AiPushDeliveryStatus
{
    /// <summary>Due at its next attempt.</summary>
    Pending = 0,

    Delivered = 1,

    /// <summary>Given up: out of attempts, or the endpoint no longer wants it.</summary>
    Failed = 2,
}

/// <summary>
/// <see cref="AiPushDeliveryStatus"/> as stored: written and matched by DicomNode's exam push; the Api's delivery log
/// shows it and filters by the text its caller sends, so it needs no copy. Spelled out per member, so renaming a
/// member does not rename what is stored (docs/database.md, "Stored vocabularies").
/// </summary>
public static class AiPushDeliveryStatusNames
{
    public static string Stored(this AiPushDeliveryStatus status) => status switch
    {
        AiPushDeliveryStatus.Pending => "pending",
        AiPushDeliveryStatus.Delivered => "delivered",
        AiPushDeliveryStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a delivery status"),
    };
}
