using CloudFilm.Grains.Abstractions.Queues;

namespace CloudFilm.Grains.Queues;

/// <summary>
/// The order in which waiting patients are called, as a plain deterministic function of the tickets, the rules,
/// the clock and the number of calls made. The rule, in order of precedence:
/// <list type="number">
/// <item>Returning missed patients still on hold (fewer than N calls since they came back) come after everyone
/// else; if nobody else waits they are called anyway, earliest release first.</item>
/// <item>Lanes: emergency fast lane, then priority (elderly, disabled, urgent), then normal.</item>
/// <item>Within a lane, a returning missed patient whose hold has ended goes first (by return time).</item>
/// <item>Emergency and priority lanes: arrival order.</item>
/// <item>Normal lane: appointments whose slot is due (from <c>AppointmentEarlyMinutes</c> before its start), in
/// slot order; then walk-ins and late appointments (arrived more than <c>AppointmentLateMinutes</c> after the
/// slot ended) in arrival order, filling the gaps; then appointments not yet due, in slot order.</item>
/// <item>Ties: ticket number.</item>
/// </list>
/// </summary>
public static class QueueOrdering
{
    /// <summary>Waiting tickets in call order.</summary>
    public static IReadOnlyList<Ticket> Order(IEnumerable<Ticket> tickets, QueueRules rules, DateTimeOffset now, long callsMade) =>
        [.. tickets.Where(t => t.Status == TicketStatus.Waiting).OrderBy(t => Key(t, rules, now, callsMade))];

    /// <summary>Whether a returning missed patient is still held back.</summary>
    public static bool IsHeld(Ticket ticket, long callsMade) => ticket.HeldUntilCall is { } until && callsMade < until;

    /// <summary>Whether a waiting ticket may be called by this room (bound to it, or to no room).</summary>
    public static bool IsEligibleFor(Ticket ticket, string roomId) =>
        ticket.Status == TicketStatus.Waiting && (ticket.RoomId is null || ticket.RoomId == roomId);

    /// <summary>The ticket this room calls next, or null when nobody waits for it.</summary>
    public static Ticket? NextFor(IEnumerable<Ticket> tickets, string roomId, QueueRules rules, DateTimeOffset now, long callsMade) =>
        Order(tickets.Where(t => IsEligibleFor(t, roomId)), rules, now, callsMade).FirstOrDefault();

    /// <summary>The lane a new ticket waits in.</summary>
    public static TicketLane LaneOf(TicketRequest request, QueueRules rules)
    {
        if (request.Urgency == TicketUrgency.Emergency && rules.EmergencyFastLane)
        {
            return TicketLane.Emergency;
        }
        var urgent = request.Urgency != TicketUrgency.Routine && rules.UrgentIsPriority;
        var elderly = rules.ElderlyAge is { } age && request.Age >= age;
        var disabled = request.Disabled && rules.DisabledPriority;
        return urgent || elderly || disabled ? TicketLane.Priority : TicketLane.Normal;
    }

    /// <summary>Whether an appointment ticket is called in slot order now (due and not arrived late).</summary>
    public static bool IsDueAppointment(Ticket ticket, QueueRules rules, DateTimeOffset now) =>
        ticket.Slot is { } slot && !IsLate(ticket, rules) && now >= slot.Start.AddMinutes(-rules.AppointmentEarlyMinutes);

    /// <summary>A patient who arrives well after their slot ended waits as a walk-in.</summary>
    public static bool IsLate(Ticket ticket, QueueRules rules) =>
        ticket.Slot is { } slot && ticket.ArrivedAt > slot.End.AddMinutes(rules.AppointmentLateMinutes);

    private static OrderKey Key(Ticket t, QueueRules rules, DateTimeOffset now, long callsMade)
    {
        if (IsHeld(t, callsMade))
        {
            return new OrderKey(1, 0, 0, t.HeldUntilCall!.Value, t.ReturnedAt ?? t.ArrivedAt, t.Number);
        }
        if (t.ReturnedAt is { } returned)
        {
            return new OrderKey(0, (int)t.Lane, 0, 0, returned, t.Number);
        }
        if (t.Lane != TicketLane.Normal)
        {
            return new OrderKey(0, (int)t.Lane, 1, 0, t.ArrivedAt, t.Number);
        }
        if (t.Slot is { } slot && !IsLate(t, rules))
        {
            return IsDueAppointment(t, rules, now)
                ? new OrderKey(0, (int)t.Lane, 1, 0, slot.Start, t.Number)
                : new OrderKey(0, (int)t.Lane, 3, 0, slot.Start, t.Number);
        }
        return new OrderKey(0, (int)t.Lane, 2, 0, t.ArrivedAt, t.Number);
    }

    private readonly record struct OrderKey(int Held, int Lane, int Group, long Hold, DateTimeOffset Time, int Number) : IComparable<OrderKey>
    {
        public int CompareTo(OrderKey other)
        {
            var c = Held.CompareTo(other.Held);
            if (c == 0) c = Lane.CompareTo(other.Lane);
            if (c == 0) c = Group.CompareTo(other.Group);
            if (c == 0) c = Hold.CompareTo(other.Hold);
            if (c == 0) c = Time.CompareTo(other.Time);
            return c != 0 ? c : Number.CompareTo(other.Number);
        }
    }
}
