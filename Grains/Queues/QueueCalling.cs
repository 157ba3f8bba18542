using CloudFilm.Grains.Abstractions.Queues;

namespace CloudFilm.Grains.Queues;

/// <summary>The result of a command: the ticket it acted on (if any) and the events it caused, in order.</summary>
public sealed record QueueChange(Ticket? Ticket, IReadOnlyList<QueueEvent> Events);

/// <summary>
/// The calling rules of one queue as a plain class over <see cref="QueueState"/>: issuing tickets (numbered per
/// service day), call next (顺呼), recall (复呼), select (选呼), missed (过号) and return, pause, transfer, and
/// secondary triage (each open room keeps up to <c>PreCallCount</c> patients waiting at its door). Every command
/// first rolls the service day over if the reset time has passed. Refusals throw <see cref="QueueRuleException"/>.
/// </summary>
public sealed class QueueCalling(QueueState state, DateTimeOffset now)
{
    private const int RecentCallsKept = 10;
    private readonly List<QueueEvent> _events = [];

    private QueueDefinition Definition => state.Definition
        ?? throw new QueueRuleException(QueueRefusal.NotConfigured, "the queue is not configured");

    private QueueRules Rules => Definition.Rules;

    public static void Validate(QueueDefinition definition)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(definition.QueueId)) problems.Add("queueId is required");
        if (string.IsNullOrWhiteSpace(definition.Campus)) problems.Add("campus is required");
        if (definition.Rooms.Count == 0) problems.Add("at least one room is required");
        if (definition.Rooms.Select(r => r.RoomId).Distinct(StringComparer.Ordinal).Count() != definition.Rooms.Count) problems.Add("room ids must be unique");
        var rules = definition.Rules;
        if (rules.MissedReinsertAfter < 0) problems.Add("rules.missedReinsertAfter must not be negative");
        if (rules.MaxMisses < 1) problems.Add("rules.maxMisses must be at least 1");
        if (rules.PreCallCount is < 0 or > 10) problems.Add("rules.preCallCount must be between 0 and 10");
        if (rules.AppointmentEarlyMinutes < 0 || rules.AppointmentLateMinutes < 0) problems.Add("rules.appointment minutes must not be negative");
        try
        {
            _ = ServiceDays.ResetTime(rules);
        }
        catch (FormatException)
        {
            problems.Add("rules.dailyResetTime must be HH:mm");
        }
        try
        {
            _ = ServiceDays.TimeZone(rules);
        }
        catch (TimeZoneNotFoundException)
        {
            problems.Add("rules.timeZone is not a known time zone");
        }
        if (definition.Voice.Repeat is < 1 or > 5) problems.Add("voice.repeat must be between 1 and 5");
        if (definition.Voice.Rate is < 0.5 or > 2) problems.Add("voice.rate must be between 0.5 and 2");
        if (problems.Count > 0)
        {
            throw new QueueRuleException(QueueRefusal.InvalidDefinition, string.Join("; ", problems));
        }
    }

    public QueueChange Configure(QueueDefinition definition)
    {
        Validate(definition);
        var first = state.Definition is null;
        state.Definition = definition;
        if (first)
        {
            state.ServiceDay = ServiceDays.Of(now, definition.Rules);
        }
        // Tickets bound to rooms that no longer exist wait for any room again.
        foreach (var t in state.Tickets.Where(t => t.RoomId is { } r && definition.Rooms.All(x => x.RoomId != r) && t.Status == TicketStatus.Waiting))
        {
            t.RoomId = null;
            t.RoomFixed = false;
            t.PreCalled = false;
        }
        state.PausedRooms.RemoveAll(r => definition.Rooms.All(x => x.RoomId != r));
        Emit(QueueEventKind.Configured, null, null);
        return Done(null);
    }

    public QueueChange Issue(TicketRequest request) => Admit(request, now);

    /// <summary>Admits a ticket transferred from another queue: a new number here, its lane, and (by rule) its arrival time.</summary>
    public QueueChange AcceptTransfer(TicketRequest request, DateTimeOffset arrivedAt) =>
        Admit(request, Rules.TransferKeepsArrival ? arrivedAt : now);

    public QueueChange CallNext(string roomId)
    {
        OpenRoom(roomId);
        CompleteCurrent(roomId);
        var next = QueueOrdering.NextFor(state.Tickets, roomId, Rules, now, state.CallsMade);
        if (next is null)
        {
            return Done(null);
        }
        Call(next, roomId);
        return Done(next);
    }

    public QueueChange Recall(string roomId)
    {
        Room(roomId);
        var current = Current(roomId) ?? throw new QueueRuleException(QueueRefusal.NoCurrentPatient, "the room has no called patient to recall");
        current.CallCount++;
        current.CalledAt = now;
        AnnounceCall(current, roomId, isRecall: true, QueueEventKind.Recalled);
        return Done(current);
    }

    public QueueChange Select(string roomId, int number)
    {
        OpenRoom(roomId);
        var ticket = Find(number);
        if (ticket.Status is not (TicketStatus.Waiting or TicketStatus.Missed))
        {
            throw new QueueRuleException(QueueRefusal.WrongTicketStatus, $"ticket {number} is {ticket.Status}, not waiting or missed");
        }
        CompleteCurrent(roomId);
        Call(ticket, roomId);
        return Done(ticket);
    }

    public QueueChange MarkMissed(string roomId)
    {
        Room(roomId);
        var current = Current(roomId) ?? throw new QueueRuleException(QueueRefusal.NoCurrentPatient, "the room has no called patient to mark missed");
        current.Misses++;
        current.HeldUntilCall = null;
        current.ReturnedAt = null;
        if (current.Misses >= Rules.MaxMisses)
        {
            current.Status = TicketStatus.Cancelled;
            Emit(QueueEventKind.Cancelled, current, roomId);
        }
        else
        {
            current.Status = TicketStatus.Missed;
            Emit(QueueEventKind.Missed, current, roomId);
        }
        return Done(current);
    }

    public QueueChange ReturnMissed(int number)
    {
        var ticket = Find(number);
        if (ticket.Status != TicketStatus.Missed)
        {
            throw new QueueRuleException(QueueRefusal.WrongTicketStatus, $"ticket {number} is {ticket.Status}, not missed");
        }
        ticket.Status = TicketStatus.Waiting;
        ticket.CallCount = 0;
        ticket.PreCalled = false;
        if (!ticket.RoomFixed)
        {
            ticket.RoomId = null;
        }
        if (Rules.MissedReinsertion == MissedReinsertion.AfterNextCalls)
        {
            ticket.ReturnedAt = now;
            ticket.HeldUntilCall = state.CallsMade + Rules.MissedReinsertAfter;
        }
        else
        {
            ticket.ArrivedAt = now;
            ticket.ReturnedAt = null;
            ticket.HeldUntilCall = null;
        }
        Emit(QueueEventKind.Returned, ticket, ticket.RoomId);
        return Done(ticket);
    }

    public QueueChange Complete(string roomId)
    {
        Room(roomId);
        var current = Current(roomId) ?? throw new QueueRuleException(QueueRefusal.NoCurrentPatient, "the room has no called patient");
        CompleteCurrent(roomId);
        return Done(current);
    }

    public QueueChange SetPaused(string roomId, bool paused)
    {
        Room(roomId);
        if (paused && !state.PausedRooms.Contains(roomId))
        {
            state.PausedRooms.Add(roomId);
            // Patients sent to the door by secondary triage go back to the shared line for the open rooms.
            foreach (var t in state.Tickets.Where(t => t.Status == TicketStatus.Waiting && t.RoomId == roomId && t.PreCalled))
            {
                t.RoomId = null;
                t.PreCalled = false;
            }
            Emit(QueueEventKind.RoomPaused, null, roomId);
        }
        else if (!paused && state.PausedRooms.Remove(roomId))
        {
            Emit(QueueEventKind.RoomResumed, null, roomId);
        }
        return Done(null);
    }

    public QueueChange TransferToRoom(int number, string roomId)
    {
        Room(roomId);
        var ticket = Find(number);
        if (ticket.Status is not (TicketStatus.Waiting or TicketStatus.Called or TicketStatus.Missed))
        {
            throw new QueueRuleException(QueueRefusal.WrongTicketStatus, $"ticket {number} is {ticket.Status} and cannot be transferred");
        }
        ticket.Status = TicketStatus.Waiting;
        ticket.RoomId = roomId;
        ticket.RoomFixed = true;
        ticket.PreCalled = false;
        ticket.CallCount = 0;
        ticket.HeldUntilCall = null;
        Emit(QueueEventKind.Transferred, ticket, roomId);
        return Done(ticket);
    }

    /// <summary>Marks a ticket as gone to another queue; the caller then admits it there.</summary>
    public QueueChange TransferOut(int number)
    {
        var ticket = Find(number);
        if (ticket.Status is not (TicketStatus.Waiting or TicketStatus.Called or TicketStatus.Missed))
        {
            throw new QueueRuleException(QueueRefusal.WrongTicketStatus, $"ticket {number} is {ticket.Status} and cannot be transferred");
        }
        ticket.Status = TicketStatus.Transferred;
        ticket.PreCalled = false;
        Emit(QueueEventKind.Transferred, ticket, null);
        return Done(ticket);
    }

    /// <summary>Rolls the service day over if due (the grain's daily reminder calls this with no other change).</summary>
    public QueueChange RollOver() => Done(null);

    public Ticket? Current(string roomId) => state.Tickets.FirstOrDefault(t => t.Status == TicketStatus.Called && t.RoomId == roomId);

    private QueueChange Admit(TicketRequest request, DateTimeOffset arrivedAt)
    {
        RollDay();
        var existing = state.Tickets.FirstOrDefault(t => t.ExamId == request.ExamId);
        if (existing is not null)
        {
            return Done(existing);
        }
        if (request.RoomId is { } room)
        {
            Room(room);
        }
        var ticket = new Ticket
        {
            Number = ++state.LastNumber,
            ExamId = request.ExamId,
            PatientName = request.PatientName,
            ExamItem = request.ExamItem,
            Lane = QueueOrdering.LaneOf(request, Rules),
            Status = TicketStatus.Waiting,
            RoomId = request.RoomId,
            RoomFixed = request.RoomId is not null,
            IssuedAt = now,
            ArrivedAt = arrivedAt,
            Slot = request.Slot,
        };
        state.Tickets.Add(ticket);
        Emit(QueueEventKind.TicketIssued, ticket, ticket.RoomId);
        return Done(ticket);
    }

    private void Call(Ticket ticket, string roomId)
    {
        ticket.Status = TicketStatus.Called;
        ticket.RoomId = roomId;
        ticket.PreCalled = false;
        ticket.CallCount = 1;
        ticket.CalledAt = now;
        ticket.HeldUntilCall = null;
        ticket.ReturnedAt = null;
        state.CallsMade++;
        AnnounceCall(ticket, roomId, isRecall: false, QueueEventKind.Called);
    }

    private void AnnounceCall(Ticket ticket, string roomId, bool isRecall, QueueEventKind kind)
    {
        var room = Room(roomId);
        var display = DisplayNumber(ticket.Number);
        var call = new QueueCall(ScreenView(ticket), roomId, room.Name,
            CallAnnouncement.Render(Definition.Voice.Template, display, ticket.PatientName, room.Name), isRecall, now);
        state.RecentCalls.Add(call);
        if (state.RecentCalls.Count > RecentCallsKept)
        {
            state.RecentCalls.RemoveAt(0);
        }
        Emit(kind, ticket, roomId, call);
    }

    private void CompleteCurrent(string roomId)
    {
        if (Current(roomId) is { } current)
        {
            current.Status = TicketStatus.Done;
            Emit(QueueEventKind.Completed, current, roomId);
        }
    }

    private void RollDay()
    {
        var day = ServiceDays.Of(now, Rules);
        if (day == state.ServiceDay)
        {
            return;
        }
        // A new service day: numbering restarts; yesterday's unfinished tickets expire (registration issues new ones).
        state.ServiceDay = day;
        state.LastNumber = 0;
        state.CallsMade = 0;
        state.Tickets.Clear();
        state.RecentCalls.Clear();
        state.HandledRequests.Clear();
        Emit(QueueEventKind.DayReset, null, null);
    }

    /// <summary>Secondary triage: each open room gets up to PreCallCount patients bound to its door, fewest first.</summary>
    private void FillPreCalls()
    {
        var rules = Rules;
        if (rules.PreCallCount == 0)
        {
            return;
        }
        var open = Definition.Rooms.Where(r => !state.PausedRooms.Contains(r.RoomId)).Select(r => r.RoomId).ToList();
        if (open.Count == 0)
        {
            return;
        }
        var atDoor = open.ToDictionary(r => r, r => state.Tickets.Count(t =>
            t.Status == TicketStatus.Waiting && t.RoomId == r && !QueueOrdering.IsHeld(t, state.CallsMade)));
        var candidates = QueueOrdering.Order(state.Tickets.Where(t => t.RoomId is null && !QueueOrdering.IsHeld(t, state.CallsMade)), rules, now, state.CallsMade);
        foreach (var ticket in candidates)
        {
            var room = open.Where(r => atDoor[r] < rules.PreCallCount).OrderBy(r => atDoor[r]).ThenBy(open.IndexOf).FirstOrDefault();
            if (room is null)
            {
                break;
            }
            ticket.RoomId = room;
            ticket.PreCalled = true;
            atDoor[room]++;
        }
    }

    private QueueChange Done(Ticket? ticket)
    {
        RollDay();
        if (state.Definition is not null)
        {
            FillPreCalls();
        }
        return new QueueChange(ticket, [.. _events]);
    }

    private RoomDefinition Room(string roomId)
    {
        RollDay();
        return Definition.Rooms.FirstOrDefault(r => r.RoomId == roomId)
            ?? throw new QueueRuleException(QueueRefusal.UnknownRoom, $"room {roomId} does not call from this queue");
    }

    private void OpenRoom(string roomId)
    {
        Room(roomId);
        if (state.PausedRooms.Contains(roomId))
        {
            throw new QueueRuleException(QueueRefusal.RoomPaused, $"room {roomId} is paused");
        }
    }

    private Ticket Find(int number)
    {
        RollDay();
        return state.Tickets.FirstOrDefault(t => t.Number == number)
            ?? throw new QueueRuleException(QueueRefusal.UnknownTicket, $"no ticket {number} today");
    }

    private void Emit(QueueEventKind kind, Ticket? ticket, string? roomId, QueueCall? call = null) =>
        _events.Add(new QueueEvent(Definition.QueueId, ++state.Revision, kind, ticket is null ? null : ScreenView(ticket), roomId, call, now));

    public string DisplayNumber(int number) => $"{Definition.TicketPrefix}{number:000}";

    public ScreenTicket ScreenView(Ticket t) =>
        new(t.Number, DisplayNumber(t.Number), NameMask.Mask(t.PatientName), t.Lane, t.Status, t.RoomId, t.CallCount);

    public TicketView View(Ticket t) =>
        new(Definition.QueueId, t.Number, DisplayNumber(t.Number), t.ExamId, t.PatientName, NameMask.Mask(t.PatientName), t.Lane, t.Status,
            t.RoomId, state.ServiceDay, t.IssuedAt, t.Slot, t.CallCount, t.Misses, SlipText(t));

    private string SlipText(Ticket t)
    {
        var ahead = QueueOrdering.Order(state.Tickets, Rules, now, state.CallsMade).TakeWhile(x => x != t).Count();
        return $"{Definition.Name}\n{DisplayNumber(t.Number)}\n{NameMask.Mask(t.PatientName)}\n{state.ServiceDay:yyyy-MM-dd}\n"
            + (t.Status == TicketStatus.Waiting ? $"前面还有 {ahead} 人" : t.Status.ToString());
    }

    /// <summary>What the screens draw: rooms with current and pre-called patients, the waiting line, the missed list.</summary>
    public QueueScreenSnapshot Snapshot()
    {
        var definition = Definition;
        var ordered = QueueOrdering.Order(state.Tickets, Rules, now, state.CallsMade);
        var rooms = definition.Rooms.Select(r => new ScreenRoom(r, state.PausedRooms.Contains(r.RoomId),
            Current(r.RoomId) is { } c ? ScreenView(c) : null,
            [.. ordered.Where(t => t.RoomId == r.RoomId).Take(Math.Max(Rules.PreCallCount, 3)).Select(ScreenView)])).ToList();
        return new QueueScreenSnapshot(definition.QueueId, definition.Campus, definition.Name, state.Revision, rooms,
            [.. ordered.Select(ScreenView)],
            [.. state.Tickets.Where(t => t.Status == TicketStatus.Missed).OrderBy(t => t.Number).Select(ScreenView)],
            [.. state.RecentCalls], definition.Voice);
    }
}
