using CloudFilm.Grains.Abstractions.Queues;
using CloudFilm.Grains.Queues;

namespace CloudFilm.Grains.Tests.Queues;

public class QueueOrderingTests
{
    private static readonly QueueRules Rules = new(PreCallCount: 0);

    [Fact]
    public void Walk_ins_are_called_in_arrival_order()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Walkin("B"));
        q.Issue(Queues.Walkin("C"));
        q.CallAll().Should().Equal(1, 2, 3);
    }

    [Fact]
    public void Emergency_takes_the_fast_lane_ahead_of_everyone()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Elderly("B"));
        q.Issue(Queues.Emergency("E"));
        q.CallAll().Should().Equal(3, 2, 1);
    }

    [Fact]
    public void Without_the_fast_lane_an_emergency_waits_in_the_priority_lane()
    {
        var q = new QueueDriver(Queues.Ct(rules: Rules with { EmergencyFastLane = false }));
        q.Issue(Queues.Elderly("B"));
        q.Issue(Queues.Emergency("E"));
        q.Issue(Queues.Walkin("A"));
        q.Ticket(2).Lane.Should().Be(TicketLane.Priority);
        q.CallAll().Should().Equal(1, 2, 3);
    }

    [Fact]
    public void Emergencies_among_themselves_go_by_arrival()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Emergency("E1"));
        q.Issue(Queues.Emergency("E2"));
        q.CallAll().Should().Equal(1, 2);
    }

    [Theory]
    [InlineData(69, TicketLane.Normal)]
    [InlineData(70, TicketLane.Priority)]
    [InlineData(90, TicketLane.Priority)]
    public void Elderly_from_the_configured_age_wait_in_the_priority_lane(int age, TicketLane lane) =>
        QueueOrdering.LaneOf(Queues.Walkin("A", age: age), Rules).Should().Be(lane);

    [Fact]
    public void Elderly_priority_can_be_switched_off_or_moved() 
    {
        QueueOrdering.LaneOf(Queues.Elderly("A", 80), Rules with { ElderlyAge = null }).Should().Be(TicketLane.Normal);
        QueueOrdering.LaneOf(Queues.Walkin("A", age: 65), Rules with { ElderlyAge = 65 }).Should().Be(TicketLane.Priority);
    }

    [Fact]
    public void An_unknown_age_is_not_elderly() =>
        QueueOrdering.LaneOf(Queues.Walkin("A", age: null), Rules).Should().Be(TicketLane.Normal);

    [Fact]
    public void Disabled_patients_wait_in_the_priority_lane_unless_switched_off()
    {
        QueueOrdering.LaneOf(Queues.Disabled("A"), Rules).Should().Be(TicketLane.Priority);
        QueueOrdering.LaneOf(Queues.Disabled("A"), Rules with { DisabledPriority = false }).Should().Be(TicketLane.Normal);
    }

    [Fact]
    public void Urgent_orders_wait_in_the_priority_lane_unless_switched_off()
    {
        QueueOrdering.LaneOf(Queues.Urgent("A"), Rules).Should().Be(TicketLane.Priority);
        QueueOrdering.LaneOf(Queues.Urgent("A"), Rules with { UrgentIsPriority = false }).Should().Be(TicketLane.Normal);
    }

    [Fact]
    public void Priority_patients_go_before_normal_ones_and_by_arrival_among_themselves()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Disabled("B"));
        q.Issue(Queues.Walkin("C"));
        q.Issue(Queues.Elderly("D"));
        q.CallAll().Should().Equal(2, 4, 1, 3);
    }

    [Fact]
    public void Due_appointments_are_called_in_slot_order_not_arrival_order()
    {
        var q = new QueueDriver();
        var m = Queues.Morning;
        q.Issue(Queues.Booked("late-slot", m.AddMinutes(10)));
        q.Issue(Queues.Booked("early-slot", m.AddMinutes(5)));
        q.Now = m.AddMinutes(10);
        q.CallAll().Should().Equal(2, 1);
    }

    [Fact]
    public void Due_appointments_go_before_walk_ins_who_came_earlier()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("W1"));
        q.Issue(Queues.Booked("B1", Queues.Morning.AddMinutes(5)));
        q.CallAll().Should().Equal(2, 1);
    }

    [Fact]
    public void Walk_ins_fill_the_gap_before_an_appointment_is_due()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Booked("B1", Queues.Morning.AddHours(1)));
        q.Issue(Queues.Walkin("W1"));
        q.Issue(Queues.Walkin("W2"));
        q.CallNext()!.Number.Should().Be(2);
        q.Now = Queues.Morning.AddHours(1).AddMinutes(-15); // due from 15 minutes before the slot
        q.CallNext()!.Number.Should().Be(1);
        q.CallNext()!.Number.Should().Be(3);
    }

    [Fact]
    public void The_early_window_is_configurable()
    {
        var q = new QueueDriver(Queues.Ct(rules: Rules with { AppointmentEarlyMinutes = 0 }));
        q.Issue(Queues.Booked("B1", Queues.Morning.AddMinutes(10)));
        q.Issue(Queues.Walkin("W1"));
        q.Now = Queues.Morning.AddMinutes(9);
        q.CallNext()!.Number.Should().Be(2);
    }

    [Fact]
    public void An_appointment_nobody_else_waits_for_is_called_before_its_slot()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Booked("B1", Queues.Morning.AddHours(3)));
        q.Issue(Queues.Booked("B2", Queues.Morning.AddHours(2)));
        q.CallAll().Should().Equal(2, 1);
    }

    [Fact]
    public void A_patient_arriving_well_after_their_slot_waits_as_a_walk_in()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("W1"));
        // slot 09:00–09:15, arrived 10:02: more than 30 minutes late
        q.Issue(Queues.Booked("B1", Queues.Morning.AddHours(-1)));
        q.Ticket(2).Should().Match<Ticket>(t => QueueOrdering.IsLate(t, Rules));
        q.CallAll().Should().Equal(1, 2);
    }

    [Fact]
    public void A_patient_within_the_late_grace_keeps_the_slot()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("W1"));
        q.Issue(Queues.Booked("B1", Queues.Morning.AddMinutes(-30))); // slot ended 09:45, arrived 10:02
        q.CallAll().Should().Equal(2, 1);
    }

    [Fact]
    public void Priority_lane_wins_over_a_due_appointment()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Booked("B1", Queues.Morning));
        q.Issue(Queues.Elderly("E1"));
        q.CallAll().Should().Equal(2, 1);
    }

    [Fact]
    public void Ties_are_broken_by_ticket_number()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"), TimeSpan.Zero);
        q.Issue(Queues.Walkin("B"), TimeSpan.Zero);
        q.CallAll().Should().Equal(1, 2);
    }

    [Fact]
    public void The_ordering_is_deterministic_whatever_order_the_tickets_are_stored_in()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Booked("B", Queues.Morning.AddMinutes(30)));
        q.Issue(Queues.Elderly("C"));
        q.Issue(Queues.Emergency("D"));
        q.Issue(Queues.Walkin("E"));
        var expected = QueueOrdering.Order(q.State.Tickets, Rules, q.Now, 0).Select(t => t.Number).ToList();
        var reversed = QueueOrdering.Order(Enumerable.Reverse(q.State.Tickets), Rules, q.Now, 0).Select(t => t.Number).ToList();
        // emergency, elderly, walk-ins, then the appointment not yet due (its slot is 25 minutes away)
        reversed.Should().Equal(expected).And.Equal(4, 3, 1, 5, 2);
    }
}
