using CloudFilm.Grains.Abstractions.Queues;
using CloudFilm.Grains.Queues;

namespace CloudFilm.Grains.Tests.Queues;

public class QueueCallingTests
{
    private static readonly QueueRules Rules = new(PreCallCount: 0);

    [Fact]
    public void Tickets_are_numbered_from_one_with_the_queue_prefix()
    {
        var q = new QueueDriver();
        var first = q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Walkin("B")).Number.Should().Be(2);
        first.Number.Should().Be(1);
        q.Calling.View(first).DisplayNumber.Should().Be("C001");
    }

    [Fact]
    public void Issuing_twice_for_the_same_exam_returns_the_same_ticket()
    {
        var q = new QueueDriver();
        var first = q.Issue(Queues.Walkin("A"));
        var again = q.Issue(Queues.Walkin("A"));
        again.Should().BeSameAs(first);
        q.State.Tickets.Should().HaveCount(1);
        q.State.LastNumber.Should().Be(1);
        q.Events.Count(e => e.Kind == QueueEventKind.TicketIssued).Should().Be(1);
    }

    [Fact]
    public void The_slip_tells_how_many_wait_ahead_and_masks_the_name()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        var second = q.Issue(Queues.Walkin("B", name: "李小龙"));
        var slip = q.Calling.View(second).SlipText;
        slip.Should().Contain("C002").And.Contain("李*龙").And.Contain("前面还有 1 人").And.NotContain("李小龙");
    }

    [Fact]
    public void Call_next_calls_and_announces_with_the_template_and_a_masked_name()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A", name: "张三丰"));
        var called = q.CallNext("r2")!;
        called.Status.Should().Be(TicketStatus.Called);
        called.RoomId.Should().Be("r2");
        called.CallCount.Should().Be(1);
        var call = q.Events.Single(e => e.Kind == QueueEventKind.Called).Call!;
        call.SpokenText.Should().Be("请 C001 号 张*丰 到 CT2室 检查");
        call.IsRecall.Should().BeFalse();
        call.Ticket.MaskedName.Should().Be("张*丰");
        q.State.RecentCalls.Should().ContainSingle();
    }

    [Fact]
    public void Call_next_completes_the_room_s_current_patient()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Walkin("B"));
        q.CallNext();
        q.CallNext();
        q.Ticket(1).Status.Should().Be(TicketStatus.Done);
        q.Ticket(2).Status.Should().Be(TicketStatus.Called);
        q.Events.Select(e => e.Kind).Should().ContainInOrder(QueueEventKind.Called, QueueEventKind.Completed, QueueEventKind.Called);
    }

    [Fact]
    public void Call_next_on_an_empty_queue_returns_nothing_but_completes_the_current_patient()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.CallNext();
        q.CallNext().Should().BeNull();
        q.Ticket(1).Status.Should().Be(TicketStatus.Done);
    }

    [Fact]
    public void Two_rooms_call_different_patients()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Walkin("B"));
        q.CallNext("r1")!.Number.Should().Be(1);
        q.CallNext("r2")!.Number.Should().Be(2);
        q.Calling.Current("r1")!.Number.Should().Be(1);
    }

    [Fact]
    public void A_patient_bound_to_a_room_is_called_only_by_that_room()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A") with { RoomId = "r2" });
        q.Issue(Queues.Walkin("B"));
        q.CallNext("r1")!.Number.Should().Be(2);
        q.CallNext("r1").Should().BeNull();
        q.CallNext("r2")!.Number.Should().Be(1);
    }

    [Fact]
    public void Recall_repeats_the_call_and_counts_it()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.CallNext();
        var recalled = q.Record(q.Calling.Recall("r1"))!;
        recalled.CallCount.Should().Be(2);
        q.Events.Last().Kind.Should().Be(QueueEventKind.Recalled);
        q.Events.Last().Call!.IsRecall.Should().BeTrue();
        q.State.CallsMade.Should().Be(1, "a recall is not a new call");
    }

    [Fact]
    public void Recall_without_a_called_patient_is_refused()
    {
        var q = new QueueDriver();
        var act = () => q.Calling.Recall("r1");
        act.Should().Throw<QueueRuleException>().Which.Refusal.Should().Be(QueueRefusal.NoCurrentPatient);
    }

    [Fact]
    public void Select_calls_a_chosen_patient_out_of_order()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Walkin("B"));
        q.Issue(Queues.Walkin("C"));
        q.Record(q.Calling.Select("r1", 3))!.Status.Should().Be(TicketStatus.Called);
        q.CallAll().Should().Equal(1, 2);
    }

    [Fact]
    public void Select_of_a_patient_already_done_is_refused()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.CallNext();
        q.Record(q.Calling.Complete("r1"));
        var act = () => q.Calling.Select("r1", 1);
        act.Should().Throw<QueueRuleException>().Which.Refusal.Should().Be(QueueRefusal.WrongTicketStatus);
    }

    [Fact]
    public void Select_of_an_unknown_number_is_refused()
    {
        var act = () => new QueueDriver().Calling.Select("r1", 42);
        act.Should().Throw<QueueRuleException>().Which.Refusal.Should().Be(QueueRefusal.UnknownTicket);
    }

    [Fact]
    public void An_unknown_room_is_refused()
    {
        var act = () => new QueueDriver().Calling.CallNext("r9");
        act.Should().Throw<QueueRuleException>().Which.Refusal.Should().Be(QueueRefusal.UnknownRoom);
    }

    [Fact]
    public void A_missed_patient_leaves_the_line_and_shows_in_the_missed_list()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Walkin("B"));
        q.CallNext();
        q.Record(q.Calling.MarkMissed("r1"))!.Status.Should().Be(TicketStatus.Missed);
        q.Calling.Snapshot().Missed.Select(t => t.Number).Should().Equal(1);
        q.CallAll().Should().Equal(2);
    }

    [Fact]
    public void A_returning_missed_patient_is_called_after_the_next_two()
    {
        var q = new QueueDriver();
        for (var i = 0; i < 5; i++)
        {
            q.Issue(Queues.Walkin("E" + i));
        }
        q.CallNext();
        q.Record(q.Calling.MarkMissed("r1"));
        q.Record(q.Calling.ReturnMissed(1));
        q.CallAll().Should().Equal(2, 3, 1, 4, 5);
    }

    [Theory]
    [InlineData(0, new[] { 1, 2, 3, 4 })]
    [InlineData(1, new[] { 2, 1, 3, 4 })]
    [InlineData(3, new[] { 2, 3, 4, 1 })]
    public void The_number_of_calls_a_returning_patient_waits_is_configurable(int after, int[] order)
    {
        var q = new QueueDriver(Queues.Ct(rules: Rules with { MissedReinsertAfter = after }));
        for (var i = 0; i < 4; i++)
        {
            q.Issue(Queues.Walkin("E" + i));
        }
        q.CallNext();
        q.Record(q.Calling.MarkMissed("r1"));
        q.Record(q.Calling.ReturnMissed(1));
        q.CallAll().Should().Equal(order);
    }

    [Fact]
    public void A_returning_patient_is_called_when_nobody_else_waits_even_if_still_held()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Walkin("B"));
        q.CallNext();
        q.Record(q.Calling.MarkMissed("r1"));
        q.Record(q.Calling.ReturnMissed(1));
        q.CallAll().Should().Equal(2, 1);
    }

    [Fact]
    public void A_returning_patient_goes_back_into_their_own_lane()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Elderly("P"));
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Walkin("B"));
        q.Issue(Queues.Walkin("C"));
        q.Issue(Queues.Elderly("Q"));
        q.CallNext();
        q.Record(q.Calling.MarkMissed("r1"));
        q.Record(q.Calling.ReturnMissed(1));
        // Held for two calls (Q, then A); then first of the priority lane.
        q.CallAll().Should().Equal(5, 2, 1, 3, 4);
    }

    [Fact]
    public void With_end_of_lane_reinsertion_a_returning_patient_queues_again_from_the_back()
    {
        var q = new QueueDriver(Queues.Ct(rules: Rules with { MissedReinsertion = MissedReinsertion.EndOfLane }));
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Walkin("B"));
        q.Issue(Queues.Walkin("C"));
        q.CallNext();
        q.Record(q.Calling.MarkMissed("r1"));
        q.Now += TimeSpan.FromMinutes(5);
        q.Record(q.Calling.ReturnMissed(1));
        q.CallAll().Should().Equal(2, 3, 1);
    }

    [Fact]
    public void Missed_too_often_cancels_the_ticket()
    {
        var q = new QueueDriver(Queues.Ct(rules: Rules with { MaxMisses = 2, MissedReinsertAfter = 0 }));
        q.Issue(Queues.Walkin("A"));
        q.CallNext();
        q.Record(q.Calling.MarkMissed("r1"));
        q.Record(q.Calling.ReturnMissed(1));
        q.CallNext();
        q.Record(q.Calling.MarkMissed("r1"))!.Status.Should().Be(TicketStatus.Cancelled);
        q.Events.Last().Kind.Should().Be(QueueEventKind.Cancelled);
        var act = () => q.Calling.ReturnMissed(1);
        act.Should().Throw<QueueRuleException>().Which.Refusal.Should().Be(QueueRefusal.WrongTicketStatus);
    }

    [Fact]
    public void Only_a_missed_ticket_can_return()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        var act = () => q.Calling.ReturnMissed(1);
        act.Should().Throw<QueueRuleException>().Which.Refusal.Should().Be(QueueRefusal.WrongTicketStatus);
    }

    [Fact]
    public void A_missed_patient_can_be_selected_directly_when_they_come_back()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.CallNext();
        q.Record(q.Calling.MarkMissed("r1"));
        q.Record(q.Calling.Select("r1", 1))!.Status.Should().Be(TicketStatus.Called);
    }

    [Fact]
    public void A_paused_room_cannot_call_and_resumes_when_told()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.Record(q.Calling.SetPaused("r1", true));
        var act = () => q.Calling.CallNext("r1");
        act.Should().Throw<QueueRuleException>().Which.Refusal.Should().Be(QueueRefusal.RoomPaused);
        q.Calling.Snapshot().Rooms[0].Paused.Should().BeTrue();
        q.CallNext("r2")!.Number.Should().Be(1, "other rooms go on calling");
        q.Record(q.Calling.SetPaused("r1", false));
        q.Events.Select(e => e.Kind).Should().Contain([QueueEventKind.RoomPaused, QueueEventKind.RoomResumed]);
        q.Issue(Queues.Walkin("B"));
        q.CallNext("r1")!.Number.Should().Be(2);
    }

    [Fact]
    public void Pausing_twice_emits_one_event()
    {
        var q = new QueueDriver();
        q.Record(q.Calling.SetPaused("r1", true));
        q.Record(q.Calling.SetPaused("r1", true));
        q.Events.Count(e => e.Kind == QueueEventKind.RoomPaused).Should().Be(1);
    }

    [Fact]
    public void Transfer_to_another_room_binds_the_patient_to_it_keeping_their_place()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Walkin("B"));
        q.Issue(Queues.Walkin("C"));
        q.CallNext("r1");
        var moved = q.Record(q.Calling.TransferToRoom(1, "r2"))!;
        moved.Status.Should().Be(TicketStatus.Waiting);
        moved.RoomId.Should().Be("r2");
        q.CallNext("r1")!.Number.Should().Be(2);
        q.CallNext("r2")!.Number.Should().Be(1);
    }

    [Fact]
    public void Transfer_out_of_the_queue_takes_the_ticket_off_the_line()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Walkin("B"));
        q.Record(q.Calling.TransferOut(1))!.Status.Should().Be(TicketStatus.Transferred);
        q.CallAll().Should().Equal(2);
        var again = () => q.Calling.TransferOut(1);
        again.Should().Throw<QueueRuleException>();
    }

    [Fact]
    public void A_transferred_in_patient_keeps_their_arrival_time_by_default()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        var transferred = q.Record(q.Calling.AcceptTransfer(Queues.Walkin("T"), Queues.Morning.AddHours(-1)))!;
        transferred.Number.Should().Be(2);
        q.CallAll().Should().Equal(2, 1);
    }

    [Fact]
    public void A_transferred_in_patient_queues_from_now_when_the_rules_say_so()
    {
        var q = new QueueDriver(Queues.Ct(rules: Rules with { TransferKeepsArrival = false }));
        q.Issue(Queues.Walkin("A"));
        q.Record(q.Calling.AcceptTransfer(Queues.Walkin("T"), Queues.Morning.AddHours(-1)));
        q.CallAll().Should().Equal(1, 2);
    }

    [Fact]
    public void Numbering_restarts_at_the_daily_reset_time_and_old_tickets_expire()
    {
        var q = new QueueDriver(Queues.Ct(rules: Rules with { DailyResetTime = "06:00" }));
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Walkin("B"));
        // 05:59 next day in Shanghai still belongs to today's service day.
        q.Now = new DateTimeOffset(2026, 11, 24, 5, 59, 0, TimeSpan.FromHours(8));
        q.Record(q.Calling.Issue(Queues.Walkin("C")))!.Number.Should().Be(3);
        q.Now = new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.FromHours(8));
        var first = q.Record(q.Calling.Issue(Queues.Walkin("D")))!;
        first.Number.Should().Be(1);
        q.State.ServiceDay.Should().Be(new DateOnly(2026, 11, 24));
        q.State.Tickets.Should().ContainSingle();
        q.Events.Should().Contain(e => e.Kind == QueueEventKind.DayReset);
    }

    [Fact]
    public void After_the_reset_the_same_exam_gets_a_new_ticket()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Walkin("B"));
        q.Now = Queues.Morning.AddDays(1);
        q.Record(q.Calling.Issue(Queues.Walkin("B")))!.Number.Should().Be(1);
    }

    [Fact]
    public void The_service_day_follows_the_queue_s_time_zone()
    {
        var rules = Rules with { DailyResetTime = "00:00" };
        // 16:30 UTC is 00:30 next day in Shanghai.
        ServiceDays.Of(new DateTimeOffset(2026, 11, 23, 16, 30, 0, TimeSpan.Zero), rules).Should().Be(new DateOnly(2026, 11, 24));
        ServiceDays.Of(new DateTimeOffset(2026, 11, 23, 16, 30, 0, TimeSpan.Zero), rules with { TimeZone = "UTC" }).Should().Be(new DateOnly(2026, 11, 23));
        ServiceDays.NextReset(new DateTimeOffset(2026, 11, 23, 16, 30, 0, TimeSpan.Zero), rules)
            .Should().Be(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Every_event_has_the_next_revision()
    {
        var q = new QueueDriver();
        q.Issue(Queues.Walkin("A"));
        q.Issue(Queues.Walkin("B"));
        q.CallNext();
        q.Record(q.Calling.Recall("r1"));
        q.Record(q.Calling.MarkMissed("r1"));
        var revisions = q.Events.Select(e => e.Revision).ToList();
        revisions.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        revisions.Zip(revisions.Skip(1), (a, b) => b - a).Should().OnlyContain(d => d == 1);
        q.State.Revision.Should().Be(revisions[^1]);
    }

    [Fact]
    public void Screens_never_see_full_names()
    {
        var q = new QueueDriver(Queues.Ct(rules: Rules with { PreCallCount = 2 }));
        q.Issue(Queues.Walkin("A", name: "欧阳娜娜"));
        q.Issue(Queues.Walkin("B", name: "王小明"));
        q.Issue(Queues.Walkin("C", name: "李四"));
        q.CallNext();
        q.Record(q.Calling.MarkMissed("r1"));
        q.CallNext();
        var text = System.Text.Json.JsonSerializer.Serialize(q.Calling.Snapshot()) + System.Text.Json.JsonSerializer.Serialize(q.Events);
        var decoded = System.Text.RegularExpressions.Regex.Unescape(text);
        decoded.Should().NotContain("欧阳娜娜").And.NotContain("王小明").And.NotContain("李四");
        decoded.Should().Contain("欧**娜").And.Contain("王*明").And.Contain("李*");
    }

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("张三丰", "张*丰")]
    [InlineData("欧阳娜娜", "欧**娜")]
    [InlineData("王", "*")]
    [InlineData("", "")]
    [InlineData(" 李四 ", "李*")]
    [InlineData("John Smith", "J**n S***h")]
    public void Names_are_masked(string name, string masked) => NameMask.Mask(name).Should().Be(masked);

    [Fact]
    public void The_spoken_text_uses_english_placeholders_too() =>
        CallAnnouncement.Render("No. {number} {name} to {room}", "C007", "张三丰", "CT1").Should().Be("No. C007 张*丰 to CT1");

    [Fact]
    public void A_queue_without_configuration_refuses_commands()
    {
        var act = () => new QueueCalling(new QueueState(), Queues.Morning).Issue(Queues.Walkin("A"));
        act.Should().Throw<QueueRuleException>().Which.Refusal.Should().Be(QueueRefusal.NotConfigured);
    }

    [Fact]
    public void An_invalid_definition_names_every_problem()
    {
        var bad = Queues.Ct(rules: new QueueRules(MaxMisses: 0, DailyResetTime: "25:99", TimeZone: "Mars/Olympus")) with { Rooms = [] };
        var act = () => QueueCalling.Validate(bad);
        act.Should().Throw<QueueRuleException>().Which.Message.Should()
            .Contain("room").And.Contain("maxMisses").And.Contain("dailyResetTime").And.Contain("timeZone");
    }
}
