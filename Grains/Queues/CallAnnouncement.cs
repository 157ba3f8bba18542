namespace CloudFilm.Grains.Queues;

/// <summary>
/// The text spoken for a call, from the queue's template. Placeholders: {号码} or {number} (the display number),
/// {姓名脱敏} or {name} (the masked name; the full name is never spoken), {诊室} or {room} (the room's name).
/// </summary>
public static class CallAnnouncement
{
    public static string Render(string template, string displayNumber, string patientName, string roomName) =>
        template
            .Replace("{号码}", displayNumber, StringComparison.Ordinal)
            .Replace("{number}", displayNumber, StringComparison.Ordinal)
            .Replace("{姓名脱敏}", NameMask.Mask(patientName), StringComparison.Ordinal)
            .Replace("{name}", NameMask.Mask(patientName), StringComparison.Ordinal)
            .Replace("{诊室}", roomName, StringComparison.Ordinal)
            .Replace("{room}", roomName, StringComparison.Ordinal);
}
