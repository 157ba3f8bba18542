using CloudFilm.Api.Problems;
using CloudFilm.Grains.Abstractions.Queues;

namespace CloudFilm.Api.Queues;

/// <summary>Body of the console's select and transfer commands.</summary>
public sealed record SelectRequest(int? Number);

/// <summary>Body of a transfer: to a room of this queue, or to another queue (and optionally one of its rooms).</summary>
public sealed record TransferRequest(string? RoomId, string? QueueId);

/// <summary>Checks request bodies of the queue endpoints, naming every offending field.</summary>
public static class QueueRequestValidator
{
    public static TicketRequest Ticket(TicketRequest? body)
    {
        var errors = new RequestErrors();
        if (body is null)
        {
            throw RequestValidationException.For("$", "A body is required.");
        }
        if (string.IsNullOrWhiteSpace(body.ExamId)) errors.Add("examId", "Required: the accession number of the exam.");
        if (string.IsNullOrWhiteSpace(body.PatientName)) errors.Add("patientName", "Required.");
        if (body.Age is < 0 or > 150) errors.Add("age", "Must be between 0 and 150.");
        if (body.Slot is { } slot && slot.End <= slot.Start) errors.Add("slot.end", "Must be after slot.start.");
        errors.ThrowIfAny();
        return body with { ExamId = body.ExamId.Trim(), PatientName = body.PatientName.Trim() };
    }

    public static QueueDefinition Definition(string queueId, QueueDefinition? body)
    {
        if (body is null)
        {
            throw RequestValidationException.For("$", "A body is required.");
        }
        var errors = new RequestErrors();
        if (body.QueueId is { } id && id != queueId) errors.Add("queueId", "Must match the queue id in the address.");
        if (string.IsNullOrWhiteSpace(body.Campus)) errors.Add("campus", "Required.");
        if (string.IsNullOrWhiteSpace(body.Name)) errors.Add("name", "Required.");
        if (body.Rooms is not { Count: > 0 }) errors.Add("rooms", "At least one room is required.");
        else
        {
            for (var i = 0; i < body.Rooms.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(body.Rooms[i].RoomId)) errors.Add($"rooms[{i}].roomId", "Required.");
                if (string.IsNullOrWhiteSpace(body.Rooms[i].Name)) errors.Add($"rooms[{i}].name", "Required.");
            }
            if (body.Rooms.Select(r => r.RoomId).Distinct().Count() != body.Rooms.Count) errors.Add("rooms", "Room ids must be unique.");
        }
        var rules = body.Rules ?? new QueueRules();
        if (rules.MissedReinsertAfter < 0) errors.Add("rules.missedReinsertAfter", "Must not be negative.");
        if (rules.MaxMisses < 1) errors.Add("rules.maxMisses", "Must be at least 1.");
        if (rules.PreCallCount is < 0 or > 10) errors.Add("rules.preCallCount", "Must be between 0 and 10.");
        if (rules.AppointmentEarlyMinutes < 0) errors.Add("rules.appointmentEarlyMinutes", "Must not be negative.");
        if (rules.AppointmentLateMinutes < 0) errors.Add("rules.appointmentLateMinutes", "Must not be negative.");
        if (!TimeOnly.TryParseExact(rules.DailyResetTime, "HH:mm", out _)) errors.Add("rules.dailyResetTime", "Must be HH:mm.");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(rules.TimeZone ?? "", out _)) errors.Add("rules.timeZone", "Not a known time zone.");
        var voice = body.Voice ?? new VoiceSettings();
        if (string.IsNullOrWhiteSpace(voice.Template)) errors.Add("voice.template", "Required.");
        if (voice.Repeat is < 1 or > 5) errors.Add("voice.repeat", "Must be between 1 and 5.");
        if (voice.Rate is < 0.5 or > 2) errors.Add("voice.rate", "Must be between 0.5 and 2.");
        errors.ThrowIfAny();
        return body with
        {
            QueueId = queueId,
            TicketPrefix = body.TicketPrefix ?? "",
            ExamTypes = body.ExamTypes ?? [],
            Rules = rules,
            Voice = voice,
        };
    }

    public static ScreenDefinition Screen(string screenId, ScreenDefinition? body)
    {
        if (body is null)
        {
            throw RequestValidationException.For("$", "A body is required.");
        }
        var errors = new RequestErrors();
        if (string.IsNullOrWhiteSpace(body.Campus)) errors.Add("campus", "Required.");
        if (body.Regions is not { Count: > 0 }) errors.Add("regions", "At least one region is required.");
        else
        {
            for (var i = 0; i < body.Regions.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(body.Regions[i].QueueId)) errors.Add($"regions[{i}].queueId", "Required.");
            }
            if (body.Kind == ScreenKind.Room && (body.Regions.Count != 1 || body.Regions[0].RoomIds is not { Count: 1 }))
            {
                errors.Add("regions", "A room screen has one region naming exactly one room.");
            }
        }
        var theme = body.Theme ?? new ScreenTheme();
        if (theme.FontScale is < 0.5 or > 3) errors.Add("theme.fontScale", "Must be between 0.5 and 3.");
        errors.ThrowIfAny();
        return body with { ScreenId = screenId, Area = body.Area ?? "", Title = body.Title ?? "", Theme = theme };
    }
}
