using CloudFilm.Grains.Abstractions.Queues;
using CloudFilm.Grains.Queues;

namespace CloudFilm.Grains.Tests.Queues;

/// <summary>Secondary triage (二次分诊): each open room keeps a few patients waiting at its door.</summary>
public class SecondaryTriageTests
{
    private static QueueDriver TwoRoomsWithFive(int preCall = 2)
    {
        var q = new QueueDriver(Queues.Ct(rules: new QueueRules(PreCallCount: preCall)));
        for (var i = 1; i <= 5; i++)
        {
            q.Issue(Queues.Walkin("W" + i));
        }
        return q;
    }

    private static List<int> AtDoor(QueueDriver q, string room) =>
        [.. q.Calling.Snapshot().Rooms.Single(r => r.Room.RoomId == room).Next.Select(t => t.Number)];

    [Fact]
    public void Patients_are_sent_to_the_doors_in_call_order_evenly()
    {
        var q = TwoRoomsWithFive();
        AtDoor(q, "r1").Should().Equal(1, 3);
        AtDoor(q, "r2").Should().Equal(2, 4);
        q.Ticket(5).RoomId.Should().BeNull();
        q.Ticket(1).PreCalled.Should().BeTrue();
    }

    [Fact]
    public void A_room_calls_the_patient_at_its_door_and_the_door_is_refilled()
    {
        var q = TwoRoomsWithFive();
        q.CallNext("r2")!.Number.Should().Be(2);
        AtDoor(q, "r2").Should().Equal(4, 5);
        AtDoor(q, "r1").Should().Equal([1, 3], "patients already at a door stay there");
    }

    [Fact]
    public void An_emergency_arriving_later_is_called_by_the_next_room_that_calls()
    {
        var q = TwoRoomsWithFive();
        q.Issue(Queues.Emergency("E"));
        q.CallNext("r1")!.Number.Should().Be(6);
    }

    [Fact]
    public void Pausing_a_room_sends_its_door_patients_to_the_open_rooms()
    {
        var q = TwoRoomsWithFive(preCall: 3);
        AtDoor(q, "r2").Should().Equal(2, 4);
        q.Record(q.Calling.SetPaused("r2", true));
        AtDoor(q, "r2").Should().BeEmpty();
        AtDoor(q, "r1").Should().Equal(1, 3, 5);
        q.Ticket(2).RoomId.Should().BeNull();
        q.CallNext("r1");
        AtDoor(q, "r1").Should().Equal(2, 3, 5);
    }

    [Fact]
    public void Pre_call_zero_leaves_everyone_in_the_shared_line()
    {
        var q = TwoRoomsWithFive(preCall: 0);
        q.State.Tickets.Should().OnlyContain(t => t.RoomId == null);
    }

    [Fact]
    public void A_returning_missed_patient_is_not_sent_to_a_door_while_held()
    {
        var q = TwoRoomsWithFive(preCall: 1);
        q.CallNext("r1")!.Number.Should().Be(1);
        q.Record(q.Calling.MarkMissed("r1"));
        q.Record(q.Calling.ReturnMissed(1));
        q.Ticket(1).RoomId.Should().BeNull();
        q.Ticket(1).PreCalled.Should().BeFalse();
    }

    [Fact]
    public void A_patient_registered_for_a_room_stays_bound_to_it_after_missing()
    {
        var q = new QueueDriver(Queues.Ct(rules: new QueueRules(PreCallCount: 1)));
        q.Issue(Queues.Walkin("A") with { RoomId = "r2" });
        q.CallNext("r2");
        q.Record(q.Calling.MarkMissed("r2"));
        q.Record(q.Calling.ReturnMissed(1));
        q.Ticket(1).RoomId.Should().Be("r2");
    }
}
