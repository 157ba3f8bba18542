using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Grains.Dispatch;
using static CloudFilm.Grains.Tests.Dispatch.DispatchScenario;

namespace CloudFilm.Grains.Tests.Dispatch;

/// <summary>The dispatch policy against each numbered point of the requirement (issue 7), with a fixed clock.</summary>
public class DispatchPolicyTests
{
    // 1. Tasks are created from the workflow and assigned by rules over exam item, patient type, subspecialty, weight.

    [Fact]
    public void P1_images_arriving_create_a_task_that_is_assigned_without_anyone_pressing_a_button()
    {
        var s = new DispatchScenario().Station("A");

        var task = s.Arrive(Study("S1"));

        task.Status.Should().Be(ReadingTaskStatus.Assigned);
        task.StationId.Should().Be("A");
        task.ReaderId.Should().Be("dr-A");
        task.AssignedAt.Should().Be(Ten);
        s.State.Outbox.Select(e => e.Kind).Should().Equal("created", "assigned");
    }

    [Fact]
    public void P1_exam_item_rule_sends_each_study_to_the_station_whose_rule_names_its_item()
    {
        var s = new DispatchScenario().Station("CT", rule: Items("胸部CT平扫")).Station("MR", rule: Items("头颅MR增强"));

        s.Arrive(Study("S1", "头颅MR增强", modality: "MR"));
        s.Arrive(Study("S2", "胸部CT平扫"));

        s.StationOf("S1").Should().Be("MR");
        s.StationOf("S2").Should().Be("CT");
    }

    [Fact]
    public void P1_patient_type_and_subspecialty_rules_are_respected()
    {
        var s = new DispatchScenario()
            .Station("IN", rule: TaskRule.Any with { PatientTypes = [PatientType.Inpatient] })
            .Station("NEURO", rule: TaskRule.Any with { Subspecialties = ["神经"] })
            .Station("OUT", rule: TaskRule.Any with { PatientTypes = [PatientType.Outpatient], Subspecialties = ["胸部"] });

        s.Arrive(Study("S1", patientType: PatientType.Inpatient));
        s.Arrive(Study("S2", subspecialty: "神经", patientType: PatientType.PhysicalExam));
        s.Arrive(Study("S3", subspecialty: "胸部"));

        s.StationOf("S1").Should().Be("IN");
        s.StationOf("S2").Should().Be("NEURO");
        s.StationOf("S3").Should().Be("OUT");
    }

    [Fact]
    public void P1_each_task_weighs_its_exam_items_difficulty_and_unknown_items_weigh_the_default()
    {
        var s = new DispatchScenario().Station("A").Configure(c => c with { DefaultWeight = 1.5m });

        s.Arrive(Study("S1", "头颅MR增强")).Weight.Should().Be(3m);
        s.Arrive(Study("S2", "下肢血管超声")).Weight.Should().Be(1.5m);
        s.Load("A").Should().Be(4.5m);
    }

    [Fact]
    public void P1_a_repeated_trigger_is_idempotent_per_study_and_task_type()
    {
        var s = new DispatchScenario().Station("A");

        s.Arrive(Study("S1"));
        s.Arrive(Study("S1"));
        s.Review(Study("S1"));
        s.Review(Study("S1"));

        s.State.Tasks.Keys.Should().BeEquivalentTo("S1:WriteReport", "S1:ReviewReport");
        s.State.Outbox.Count(e => e.Kind == "created").Should().Be(2);
    }

    [Fact]
    public void P1_a_completed_task_is_not_created_again_by_a_late_duplicate_trigger()
    {
        var s = new DispatchScenario().Station("A");
        s.Arrive(Study("S1"));
        DispatchPolicy.Complete(s.State, "S1:WriteReport", "dr-A", Ten.AddMinutes(5)).Should().Be(DispatchActionOutcome.Done);

        DispatchPolicy.Submit(s.State, Study("S1"), StudyWorkflowEvent.ImagesArrived, Ten.AddMinutes(6)).Should().BeNull();
        s.State.Tasks.Should().BeEmpty();
    }

    [Fact]
    public void P1_completed_ids_are_forgotten_after_the_retention_so_the_state_stays_small()
    {
        var s = new DispatchScenario().Station("A").Station("N", shift: "evening");
        s.Arrive(Study("OLD"));
        DispatchPolicy.Complete(s.State, "OLD:WriteReport", "dr-A", Ten);
        s.Arrive(Study("NEW"), Ten.AddMinutes(1));

        DispatchPolicy.Complete(s.State, "NEW:WriteReport", s.Task("NEW").ReaderId!, Ten + DispatchPolicy.CompletedRetention + TimeSpan.FromMinutes(1));

        s.State.CompletedTaskIds.Keys.Should().Equal("NEW:WriteReport");
        DispatchPolicy.CompletedRetention.Should().BePositive();
    }

    // 2. Several task types; review goes to a senior reader (level 2/3).

    [Fact]
    public void P2_review_goes_only_to_a_senior_reader_even_when_the_junior_is_idle()
    {
        var s = new DispatchScenario().Station("JUNIOR", level: 1).Station("SENIOR", level: 2, maxLoad: 5m);
        for (var i = 0; i < 3; i++)
        {
            s.Arrive(Study("W" + i));
        }

        var review = s.Review(Study("R1"));

        review.Type.Should().Be(ReadingTaskType.ReviewReport);
        review.StationId.Should().Be("SENIOR");
    }

    [Fact]
    public void P2_a_review_with_no_senior_on_duty_waits_rather_than_going_to_a_junior()
    {
        var s = new DispatchScenario().Station("JUNIOR", level: 1);

        s.Review(Study("R1")).Status.Should().Be(ReadingTaskStatus.Pending);
    }

    [Fact]
    public void P2_review_weighs_the_items_weight_times_the_review_factor()
    {
        var s = new DispatchScenario().Station("SENIOR", level: 3);

        s.Review(Study("R1", "头颅MR增强")).Weight.Should().Be(1.5m);
    }

    [Fact]
    public void P2_a_station_rule_can_take_only_reviews()
    {
        var s = new DispatchScenario().Station("REVIEW", level: 3, rule: TaskRule.Any with { TaskTypes = [ReadingTaskType.ReviewReport] }).Station("WRITE");

        s.Arrive(Study("S1"));
        s.Review(Study("S1"));

        s.StationOf("S1").Should().Be("WRITE");
        s.Task("S1", ReadingTaskType.ReviewReport).StationId.Should().Be("REVIEW");
    }

    // 3. A maximum load per workstation counted in weights.

    [Fact]
    public void P3_a_station_never_takes_more_weight_than_its_maximum_and_the_rest_waits()
    {
        var s = new DispatchScenario().Station("A", maxLoad: 5m);

        s.Arrive(Study("S1", "头颅MR增强"));
        s.Arrive(Study("S2", "腹部CT增强"));
        var third = s.Arrive(Study("S3", "胸部CT平扫"));

        s.Load("A").Should().Be(5m);
        third.Status.Should().Be(ReadingTaskStatus.Pending);
    }

    [Fact]
    public void P3_completing_a_task_frees_room_and_the_waiting_task_follows_at_once()
    {
        var s = new DispatchScenario().Station("A", maxLoad: 1m);
        s.Arrive(Study("S1"));
        s.Arrive(Study("S2"));

        DispatchPolicy.Complete(s.State, "S1:WriteReport", "dr-A", Ten.AddMinutes(3));

        s.StationOf("S2").Should().Be("A");
        s.Task("S2").AssignedAt.Should().Be(Ten.AddMinutes(3));
    }

    // 4. A workstation is a rule-defined set of tasks; readers are mapped to workstations.

    [Fact]
    public void P4_the_task_goes_to_the_reader_rostered_on_the_station_for_the_shift()
    {
        var s = new DispatchScenario().Station("A", reader: "li").Roster("A", "evening", Monday, "wang");

        s.Arrive(Study("S1")).Should().Match<ReadingTask>(t => t.ReaderId == "li" && t.ShiftId == "day");
        s.Arrive(Study("S2"), Local(Monday, 18, 0)).Should().Match<ReadingTask>(t => t.ReaderId == "wang" && t.ShiftId == "evening");
    }

    [Fact]
    public void P4_a_station_nobody_is_rostered_on_gets_nothing()
    {
        var s = new DispatchScenario().Station("A", date: Monday.AddDays(1));

        s.Arrive(Study("S1")).Status.Should().Be(ReadingTaskStatus.Pending);
    }

    // 5. Delayed assignment; configured proportions; balance of exam and patient types.

    [Fact]
    public void P5_routine_work_waits_the_configured_delay_before_it_is_assigned()
    {
        var s = new DispatchScenario().Station("A").Configure(c => c with { RoutineDelay = TimeSpan.FromMinutes(5) });

        s.Arrive(Study("S1")).Status.Should().Be(ReadingTaskStatus.Pending);
        DispatchPolicy.Dispatch(s.State, Ten.AddMinutes(5).AddTicks(-1));
        s.Task("S1").Status.Should().Be(ReadingTaskStatus.Pending);
        DispatchPolicy.NextWakeUp(s.State, Ten).Should().Be(Ten.AddMinutes(5));

        DispatchPolicy.Dispatch(s.State, Ten.AddMinutes(5));
        s.StationOf("S1").Should().Be("A");
    }

    [Fact]
    public void P5_work_is_shared_in_the_configured_proportions_of_weight()
    {
        var s = new DispatchScenario().Station("TWO", maxLoad: 1000m, share: 2m).Station("ONE", maxLoad: 1000m, share: 1m);

        for (var i = 0; i < 30; i++)
        {
            s.Arrive(Study("S" + i, i % 2 == 0 ? "胸部CT平扫" : "腹部CT增强"));
        }

        var two = s.Load("TWO");
        var one = s.Load("ONE");
        (two + one).Should().Be(45m);
        (two / one).Should().BeApproximately(2m, 0.15m);
    }

    [Fact]
    public void P5_exam_items_are_spread_across_readers_rather_than_piled_on_one()
    {
        var s = new DispatchScenario().Station("A").Station("B");

        s.Arrive(Study("M1", "头颅MR增强"));
        s.Arrive(Study("C1", "胸部CT平扫"));
        s.Arrive(Study("C2", "胸部CT平扫"));
        s.Arrive(Study("C3", "胸部CT平扫"));
        s.Arrive(Study("C4", "胸部CT平扫"));

        // Equal shift weight for A (3) and B (3) after four tasks; each holds chest CTs, neither holds them all.
        s.State.Tasks.Values.Where(t => t.Subject.ExamItem == "胸部CT平扫").GroupBy(t => t.StationId).Should().HaveCount(2);
    }

    [Fact]
    public void P5_patient_types_are_spread_when_weights_are_equal()
    {
        var s = new DispatchScenario().Station("A").Station("B");

        s.Arrive(Study("I1", patientType: PatientType.Inpatient));
        s.Arrive(Study("O1"));
        s.Arrive(Study("I2", patientType: PatientType.Inpatient));

        s.StationOf("I1").Should().NotBe(s.StationOf("I2"));
    }

    // 6. Campuses share or separate pools.

    [Fact]
    public void P6_a_campus_rule_keeps_each_campus_study_on_that_campus_stations()
    {
        var s = new DispatchScenario()
            .Configure(c => c with { Campuses = ["东院", "西院"] })
            .Station("EAST", rule: TaskRule.Any with { Campuses = ["东院"] })
            .Station("WEST", rule: TaskRule.Any with { Campuses = ["西院"] }, campus: "西院");

        s.Arrive(Study("E1"));
        s.Arrive(Study("W1", campus: "西院"));

        s.StationOf("E1").Should().Be("EAST");
        s.StationOf("W1").Should().Be("WEST");
    }

    [Fact]
    public void P6_a_shared_pool_lets_one_campus_reader_read_another_campus_study()
    {
        var s = new DispatchScenario().Configure(c => c with { Campuses = ["东院", "西院"] }).Station("EAST");

        s.Arrive(Study("W1", campus: "西院")).StationId.Should().Be("EAST");
    }

    // 7. VIP studies go to named readers.

    [Fact]
    public void P7_a_vip_study_goes_to_a_named_vip_reader_only()
    {
        var s = new DispatchScenario().Station("A", reader: "zhou").Station("B", reader: "chen")
            .Configure(c => c with { VipReaders = ["chen"] });

        var vip = s.Arrive(Study("V1", vip: true));

        vip.Priority.Should().Be(PriorityClass.Vip);
        vip.ReaderId.Should().Be("chen");
    }

    [Fact]
    public void P7_a_vip_study_waits_for_a_vip_reader_and_is_swept_only_after_the_sweep_delay()
    {
        var s = new DispatchScenario().Station("A", reader: "zhou").Station("SWEEP", shift: "sweep", maxLoad: 1m)
            .Configure(c => c with { VipReaders = ["chen"], Readers = [.. c.Readers, new ReaderProfile("chen", "陈", 3)] });

        s.Arrive(Study("V1", vip: true)).Status.Should().Be(ReadingTaskStatus.Pending);

        DispatchPolicy.Dispatch(s.State, Ten + s.State.Config!.SweepAfter);
        s.StationOf("V1").Should().Be("SWEEP");
    }

    // 8. Configurable trigger.

    [Theory]
    [InlineData(DispatchTrigger.StudyRegistered, StudyWorkflowEvent.StudyRegistered, true)]
    [InlineData(DispatchTrigger.StudyRegistered, StudyWorkflowEvent.ImagesArrived, false)]
    [InlineData(DispatchTrigger.ExamCompleted, StudyWorkflowEvent.ExamCompleted, true)]
    [InlineData(DispatchTrigger.ExamCompleted, StudyWorkflowEvent.StudyRegistered, false)]
    [InlineData(DispatchTrigger.ImagesArrived, StudyWorkflowEvent.ImagesArrived, true)]
    [InlineData(DispatchTrigger.ImagesArrived, StudyWorkflowEvent.ExamCompleted, false)]
    public void P8_only_the_configured_workflow_event_creates_the_reporting_task(DispatchTrigger trigger, StudyWorkflowEvent workflowEvent, bool creates)
    {
        var s = new DispatchScenario().Station("A").Configure(c => c with { Trigger = trigger });

        var task = DispatchPolicy.Submit(s.State, Study("S1"), workflowEvent, Ten);

        (task is not null).Should().Be(creates);
        s.State.Tasks.Count.Should().Be(creates ? 1 : 0);
    }

    [Theory]
    [InlineData(DispatchTrigger.StudyRegistered)]
    [InlineData(DispatchTrigger.ExamCompleted)]
    [InlineData(DispatchTrigger.ImagesArrived)]
    public void P8_a_submitted_report_always_creates_its_review_whatever_the_trigger(DispatchTrigger trigger) =>
        DispatchPolicy.TaskTypeFor(PoolConfig.Empty("p") with { Trigger = trigger }, StudyWorkflowEvent.ReportSubmittedForReview)
            .Should().Be(ReadingTaskType.ReviewReport);

    // 9. Emergency studies are assigned at once and first.

    [Fact]
    public void P9_an_emergency_ignores_the_routine_delay()
    {
        var s = new DispatchScenario().Station("A").Configure(c => c with { RoutineDelay = TimeSpan.FromMinutes(30) });

        var task = s.Arrive(Emergency("E1"));

        task.Priority.Should().Be(PriorityClass.Emergency);
        task.AssignedAt.Should().Be(Ten);
    }

    [Fact]
    public void P9_an_emergency_with_no_room_nothing_to_preempt_and_no_sweeper_goes_over_the_cap_rather_than_wait()
    {
        var s = new DispatchScenario().Station("A", maxLoad: 1m);
        s.Arrive(Study("FILL"));
        DispatchPolicy.Start(s.State, "FILL:WriteReport", "dr-A", Ten.AddMinutes(1));

        var emergency = s.Arrive(Emergency("E1"), Ten.AddMinutes(2));

        emergency.StationId.Should().Be("A");
        s.Load("A").Should().Be(2m);
        s.State.Outbox.Should().Contain(e => e.TaskId == "E1:WriteReport" && e.Kind == "assigned-over-cap");
    }

    [Fact]
    public void P9_when_readers_arrive_the_emergency_is_placed_before_older_routine_work()
    {
        var tuesday = Monday.AddDays(1);
        var s = new DispatchScenario().Station("A", maxLoad: 1m, date: tuesday);
        s.Arrive(Study("OLD"), Local(tuesday, 7, 0));
        s.Arrive(Emergency("E1"), Local(tuesday, 7, 30));

        DispatchPolicy.Dispatch(s.State, Local(tuesday, 8, 0));

        s.StationOf("E1").Should().Be("A");
        s.Task("OLD").Status.Should().Be(ReadingTaskStatus.Pending);
    }

    [Fact]
    public void P9_pending_work_is_placed_most_urgent_first_then_oldest_first()
    {
        var s = new DispatchScenario().Station("A", maxLoad: 2m, date: Monday.AddDays(1));
        s.Arrive(Study("R-old"), Ten);
        s.Arrive(Study("U", priority: StudyPriority.Urgent), Ten.AddMinutes(1));
        s.Arrive(Study("R-new"), Ten.AddMinutes(2));

        DispatchPolicy.Dispatch(s.State, Local(Monday.AddDays(1), 9, 0));

        s.StationOf("U").Should().Be("A");
        s.StationOf("R-old").Should().Be("A");
        s.Task("R-new").Status.Should().Be(ReadingTaskStatus.Pending);
    }

    [Fact]
    public void P9_emergencies_go_to_the_station_with_the_fewest_emergencies_in_hand()
    {
        var s = new DispatchScenario().Station("A").Station("B");
        s.Arrive(Study("R1"));
        s.Arrive(Study("R2"));
        s.Arrive(Study("R3"));
        var first = s.Arrive(Emergency("E1"));

        var second = s.Arrive(Emergency("E2"));

        second.StationId.Should().NotBe(first.StationId);
    }

    // 10. A full station takes a more urgent task by pushing out its lowest-priority one, which goes elsewhere.

    [Fact]
    public void P10_preemption_chain_emergency_evicts_urgent_which_evicts_routine_which_lands_elsewhere()
    {
        var s = new DispatchScenario()
            .Station("A", maxLoad: 1m, rule: Items("头颅CT平扫", "胸部CT平扫"))
            .Station("B", maxLoad: 1m, rule: Items("胸部CT平扫", "腹部CT平扫"))
            .Station("C", maxLoad: 1m, rule: Items("腹部CT平扫"), date: Monday.AddDays(7));
        s.Arrive(Study("R", "腹部CT平扫"));
        s.Arrive(Study("U", "胸部CT平扫", StudyPriority.Urgent));
        s.StationOf("R").Should().Be("B");
        s.StationOf("U").Should().Be("A");
        s.Roster("C", "day", Monday);
        // C now on duty but idle: nothing moves until something needs to.
        s.Arrive(Emergency("E", "头颅CT平扫"), Ten.AddMinutes(1));

        s.StationOf("E").Should().Be("A");
        s.StationOf("U").Should().Be("B");
        s.StationOf("R").Should().Be("C");
        foreach (var station in new[] { "A", "B", "C" })
        {
            s.Load(station).Should().BeLessThanOrEqualTo(1m);
        }
        s.State.Outbox.Where(e => e.Kind == "evicted").Select(e => e.TaskId).Should().Equal("U:WriteReport", "R:WriteReport");
        s.Task("R").Reassignments.Should().Be(1);
    }

    [Fact]
    public void P10_the_least_urgent_and_newest_task_is_the_one_pushed_out()
    {
        var s = new DispatchScenario().Station("A", maxLoad: 3m);
        s.Arrive(Study("U", priority: StudyPriority.Urgent));
        s.Arrive(Study("R-old"), Ten.AddMinutes(1));
        s.Arrive(Study("R-new"), Ten.AddMinutes(2));

        s.Arrive(Emergency("E"), Ten.AddMinutes(3));

        s.Task("R-new").Status.Should().Be(ReadingTaskStatus.Pending);
        s.StationOf("R-old").Should().Be("A");
        s.StationOf("U").Should().Be("A");
        s.Load("A").Should().Be(3m);
    }

    [Fact]
    public void P10_started_and_pinned_tasks_are_never_pushed_out()
    {
        var s = new DispatchScenario().Station("A", maxLoad: 2m).Station("B", maxLoad: 1m);
        s.Arrive(Study("R1"));
        s.Arrive(Study("R2"));
        s.Arrive(Study("R3"));
        var onA = s.State.Tasks.Values.Where(t => t.StationId == "A").Select(t => t.TaskId).ToList();
        DispatchPolicy.Start(s.State, onA[0], "dr-A", Ten).Should().Be(DispatchActionOutcome.Done);
        DispatchPolicy.Pin(s.State, onA[1], true, "supervisor", Ten).Should().Be(DispatchActionOutcome.Done);

        var urgent = s.Arrive(Study("U", priority: StudyPriority.Urgent), Ten.AddMinutes(1));

        urgent.StationId.Should().Be("B");
        s.State.Tasks[onA[0]].StationId.Should().Be("A");
        s.State.Tasks[onA[1]].StationId.Should().Be("A");
    }

    [Fact]
    public void P10_equal_priority_never_preempts()
    {
        var s = new DispatchScenario().Station("A", maxLoad: 1m);
        s.Arrive(Study("U1", priority: StudyPriority.Urgent));

        s.Arrive(Study("U2", priority: StudyPriority.Urgent)).Status.Should().Be(ReadingTaskStatus.Pending);
        s.StationOf("U1").Should().Be("A");
    }

    [Fact]
    public void P10_routine_work_never_preempts_anything()
    {
        var s = new DispatchScenario().Station("A", maxLoad: 1m);
        s.Arrive(Study("R1"));

        s.Arrive(Study("R2")).Status.Should().Be(ReadingTaskStatus.Pending);
        s.State.Outbox.Should().NotContain(e => e.Kind == "evicted");
    }

    [Fact]
    public void P10_a_heavy_emergency_pushes_out_as_many_light_tasks_as_it_needs()
    {
        var s = new DispatchScenario().Station("A", maxLoad: 3m);
        s.Arrive(Study("R1"));
        s.Arrive(Study("R2"));
        s.Arrive(Study("R3"));

        s.Arrive(Emergency("E", "腹部CT增强"));

        s.Load("A").Should().Be(3m);
        s.State.Tasks.Values.Count(t => t.Status == ReadingTaskStatus.Pending).Should().Be(2);
    }

    // 11. Shifts with their own start and end times.

    [Fact]
    public void P11_a_shift_includes_its_start_and_excludes_its_end()
    {
        var s = new DispatchScenario().Station("A");

        s.Arrive(Study("EARLY"), Local(Monday, 7, 59)).Status.Should().Be(ReadingTaskStatus.Pending);
        DispatchPolicy.Dispatch(s.State, Local(Monday, 8, 0));
        s.StationOf("EARLY").Should().Be("A");
        s.Arrive(Study("LATE"), Local(Monday, 17, 0)).Status.Should().Be(ReadingTaskStatus.Pending);
    }

    [Fact]
    public void P11_an_overnight_shift_runs_past_midnight_into_the_next_day()
    {
        var s = new DispatchScenario().Station("N", shift: "evening");

        s.Arrive(Study("S1"), Local(Monday.AddDays(1), 3, 0)).StationId.Should().Be("N");
        s.Arrive(Study("S2"), Local(Monday.AddDays(1), 8, 0)).Status.Should().Be(ReadingTaskStatus.Pending);
    }

    [Fact]
    public void P11_at_the_end_of_a_shift_unstarted_work_moves_to_the_next_shift_and_started_work_stays()
    {
        var s = new DispatchScenario().Station("DAY").Station("NIGHT", shift: "evening");
        s.Arrive(Study("S1"), Local(Monday, 16, 0));
        s.Arrive(Study("S2"), Local(Monday, 16, 1));
        DispatchPolicy.Start(s.State, "S1:WriteReport", "dr-DAY", Local(Monday, 16, 30));
        DispatchPolicy.NextWakeUp(s.State, Local(Monday, 16, 30)).Should().Be(Local(Monday, 17, 0));

        DispatchPolicy.Dispatch(s.State, Local(Monday, 17, 0));

        s.StationOf("S1").Should().Be("DAY");
        s.StationOf("S2").Should().Be("NIGHT");
        s.State.Outbox.Should().Contain(e => e.TaskId == "S2:WriteReport" && e.Kind == "returned" && e.Reason == "shift ended");
    }

    // 12. Emergency, weekend/holiday and sweeper shifts: nothing is ever left unassigned.

    [Fact]
    public void P12_an_emergency_shift_takes_only_emergencies()
    {
        var s = new DispatchScenario().Station("ER", shift: "er");

        s.Arrive(Study("R1")).Status.Should().Be(ReadingTaskStatus.Pending);
        s.Arrive(Emergency("E1")).StationId.Should().Be("ER");
    }

    [Fact]
    public void P12_a_weekend_shift_works_on_the_dates_it_is_rostered()
    {
        var saturday = Monday.AddDays(5);
        var s = new DispatchScenario().Station("W", shift: "weekend", date: saturday);

        s.Arrive(Study("S1"), Local(saturday, 9, 0)).StationId.Should().Be("W");
        s.Arrive(Study("S2"), Local(saturday.AddDays(1), 9, 0)).Status.Should().Be(ReadingTaskStatus.Pending);
    }

    [Fact]
    public void P12_the_sweeper_takes_at_once_a_study_no_rule_on_duty_accepts()
    {
        var s = new DispatchScenario().Station("CT", rule: Items("胸部CT平扫")).Station("SWEEP", shift: "sweep", maxLoad: 1m);

        s.Arrive(Study("X", "乳腺钼靶", modality: "MG")).StationId.Should().Be("SWEEP");
        s.Arrive(Study("Y", "乳腺钼靶", modality: "MG")).StationId.Should().Be("SWEEP", "the sweeper is not held to a maximum load");
        s.Arrive(Study("C", "胸部CT平扫")).StationId.Should().Be("CT");
    }

    [Fact]
    public void P12_the_sweeper_takes_work_that_waited_too_long_for_a_full_station()
    {
        var s = new DispatchScenario().Station("A", maxLoad: 1m).Station("SWEEP", shift: "sweep")
            .Configure(c => c with { SweepAfter = TimeSpan.FromMinutes(20) });
        s.Arrive(Study("R1"));
        s.Arrive(Study("R2")).Status.Should().Be(ReadingTaskStatus.Pending);

        DispatchPolicy.NextWakeUp(s.State, Ten).Should().Be(Ten.AddMinutes(20));
        DispatchPolicy.Dispatch(s.State, Ten.AddMinutes(20));

        s.StationOf("R2").Should().Be("SWEEP");
        s.State.Outbox.Should().Contain(e => e.TaskId == "R2:WriteReport" && e.Kind == "swept");
    }

    [Fact]
    public void P12_nothing_is_left_unassigned_across_a_day_of_shift_edges_when_a_sweeper_is_on()
    {
        var s = new DispatchScenario()
            .Station("CT", maxLoad: 4m, rule: Items("胸部CT平扫", "腹部CT增强"))
            .Station("MR", maxLoad: 6m, rule: Items("头颅MR增强"))
            .Station("NIGHT", maxLoad: 3m, shift: "evening")
            .Station("ER", maxLoad: 2m, shift: "er")
            .Station("SWEEP", maxLoad: 1m, shift: "sweep")
            .Roster("ER", "er", Monday.AddDays(1))
            .Roster("SWEEP", "sweep", Monday.AddDays(1))
            .Configure(c => c with { SweepAfter = TimeSpan.FromMinutes(30), RoutineDelay = TimeSpan.FromMinutes(2) });
        var items = new[] { "胸部CT平扫", "腹部CT增强", "头颅MR增强", "乳腺钼靶" };
        var random = new Random(7);
        var clock = Local(Monday, 6, 0);
        var end = Local(Monday.AddDays(1), 10, 0);
        var n = 0;
        while (clock < end)
        {
            if (random.Next(3) == 0)
            {
                var priority = random.Next(20) == 0 ? StudyPriority.Emergency : random.Next(5) == 0 ? StudyPriority.Urgent : StudyPriority.Routine;
                s.Arrive(Study("S" + n++, items[random.Next(items.Length)], priority), clock);
            }
            foreach (var task in s.State.Tasks.Values.Where(t => t.Status != ReadingTaskStatus.Pending).ToList())
            {
                if (random.Next(10) == 0)
                {
                    DispatchPolicy.Complete(s.State, task.TaskId, task.ReaderId!, clock);
                }
            }
            DispatchPolicy.Dispatch(s.State, clock);

            // A pending task is allowed only while it is younger than the sweep delay.
            s.PendingEligible(clock).Where(t => clock - t.EligibleAt >= TimeSpan.FromMinutes(30)).Should().BeEmpty($"at {clock:HH:mm}");
            s.PendingEligible(clock).Where(t => t.Priority == PriorityClass.Emergency).Should().BeEmpty($"at {clock:HH:mm}");
            foreach (var station in new[] { "CT", "MR", "NIGHT" })
            {
                s.Load(station).Should().BeLessThanOrEqualTo(s.State.Stations[station].MaxLoad, $"{station} at {clock:HH:mm}");
            }
            if (!DutyRoster.At(s.State.Config!, clock).ContainsKey("CT"))
            {
                s.State.Tasks.Values.Where(t => t.StationId is "CT" or "MR" && t.Status == ReadingTaskStatus.Assigned)
                    .Should().BeEmpty($"no unstarted work stays on a day station at night ({clock:HH:mm})");
            }
            clock = clock.AddMinutes(1);
        }
        n.Should().BeGreaterThan(300);
    }

    // 13. Disabling a workstation returns its tasks and reassigns them.

    [Fact]
    public void P13_disabling_a_station_returns_all_its_open_work_and_reassigns_it_at_once()
    {
        var s = new DispatchScenario().Station("A", maxLoad: 2m).Station("B", maxLoad: 2m);
        s.Arrive(Study("S1"));
        s.Arrive(Study("S2"));
        var onA = s.State.Tasks.Values.Single(t => t.StationId == "A");
        DispatchPolicy.Start(s.State, onA.TaskId, "dr-A", Ten);

        DispatchPolicy.UpsertStation(s.State, s.State.Stations["A"] with { Enabled = false }, "supervisor", Ten.AddMinutes(1));

        s.State.Tasks.Values.Should().OnlyContain(t => t.StationId == "B");
        s.State.Tasks[onA.TaskId].Status.Should().Be(ReadingTaskStatus.Assigned);
        s.State.Outbox.Should().Contain(e => e.Kind == "station-disabled" && e.StationId == "A" && e.By == "supervisor");
        s.State.Outbox.Should().Contain(e => e.TaskId == onA.TaskId && e.Kind == "returned" && e.Reason == "station disabled");
    }

    [Fact]
    public void P13_a_disabled_station_gets_nothing_until_enabled_again()
    {
        var s = new DispatchScenario().Station("A");
        DispatchPolicy.UpsertStation(s.State, s.State.Stations["A"] with { Enabled = false }, "supervisor", Ten);
        s.Arrive(Study("S1")).Status.Should().Be(ReadingTaskStatus.Pending);

        DispatchPolicy.UpsertStation(s.State, s.State.Stations["A"] with { Enabled = true }, "supervisor", Ten.AddMinutes(1));

        s.StationOf("S1").Should().Be("A");
    }

    // 14. Copy a workstation, a week's roster and readers in one action.

    [Fact]
    public void P14_copying_a_station_keeps_its_rule_load_and_share_under_a_new_id()
    {
        var source = new WorkstationConfig("CT1", "CT一号", "东院", Items("胸部CT平扫"), 8m, 2m);

        var copy = RosterOperations.CopyStation(source, "CT2", "CT二号");

        copy.Should().Be(source with { StationId = "CT2", Name = "CT二号" });
    }

    [Fact]
    public void P14_copying_a_week_moves_every_line_seven_days_with_its_reader_and_replaces_the_target_week()
    {
        var next = Monday.AddDays(7);
        IReadOnlyList<RosterEntry> roster =
        [
            new(Monday, "day", "A", "li"), new(Monday.AddDays(6), "evening", "B", "wang"),
            new(next.AddDays(2), "day", "A", "old"), new(Monday.AddDays(-1), "day", "A", "before"),
        ];

        var copied = RosterOperations.CopyWeek(roster, Monday, next);

        copied.Should().BeEquivalentTo(new RosterEntry[]
        {
            new(Monday.AddDays(-1), "day", "A", "before"), new(Monday, "day", "A", "li"), new(Monday.AddDays(6), "evening", "B", "wang"),
            new(next, "day", "A", "li"), new(next.AddDays(6), "evening", "B", "wang"),
        });
    }

    [Fact]
    public void P14_copying_a_station_roster_gives_the_copy_the_same_shifts_with_its_own_reader()
    {
        IReadOnlyList<RosterEntry> roster = [new(Monday, "day", "A", "li"), new(Monday, "day", "B", "wang")];

        RosterOperations.CopyStationRoster(roster, "A", "A2", "zhao").Should().ContainSingle(e => e.StationId == "A2" && e.ReaderId == "zhao");
    }

    // 15. Worklists by reader, by station, all assignments and completions.

    [Fact]
    public void P15_every_assignment_and_completion_is_an_event_with_who_and_when_in_order()
    {
        var s = new DispatchScenario().Station("A", reader: "li");
        s.Arrive(Study("S1"));
        DispatchPolicy.Start(s.State, "S1:WriteReport", "li", Ten.AddMinutes(1));
        DispatchPolicy.Complete(s.State, "S1:WriteReport", "li", Ten.AddMinutes(9));

        s.State.Outbox.Select(e => (e.Kind, e.By, e.At)).Should().Equal(
            ("created", "system", Ten), ("assigned", "system", Ten), ("started", "li", Ten.AddMinutes(1)), ("completed", "li", Ten.AddMinutes(9)));
        s.State.Outbox.Select(e => e.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        s.State.Tasks.Should().BeEmpty();
    }

    // Reader and supervisor actions.

    [Fact]
    public void A_reader_acts_only_on_their_own_tasks()
    {
        var s = new DispatchScenario().Station("A", reader: "li");
        s.Arrive(Study("S1"));

        DispatchPolicy.Start(s.State, "S1:WriteReport", "wang", Ten).Should().Be(DispatchActionOutcome.NotYourTask);
        DispatchPolicy.Complete(s.State, "S1:WriteReport", "wang", Ten).Should().Be(DispatchActionOutcome.NotYourTask);
        DispatchPolicy.HandBack(s.State, "S1:WriteReport", "wang", "x", Ten).Should().Be(DispatchActionOutcome.NotYourTask);
        DispatchPolicy.Start(s.State, "nope", "li", Ten).Should().Be(DispatchActionOutcome.UnknownTask);
    }

    [Fact]
    public void Starting_twice_and_completing_twice_are_harmless_repeats()
    {
        var s = new DispatchScenario().Station("A", reader: "li");
        s.Arrive(Study("S1"));

        DispatchPolicy.Start(s.State, "S1:WriteReport", "li", Ten).Should().Be(DispatchActionOutcome.Done);
        DispatchPolicy.Start(s.State, "S1:WriteReport", "li", Ten).Should().Be(DispatchActionOutcome.Done);
        DispatchPolicy.Complete(s.State, "S1:WriteReport", "li", Ten).Should().Be(DispatchActionOutcome.Done);
        DispatchPolicy.Complete(s.State, "S1:WriteReport", "li", Ten).Should().Be(DispatchActionOutcome.Done);
        s.State.Outbox.Count(e => e.Kind == "started").Should().Be(1);
        s.State.Outbox.Count(e => e.Kind == "completed").Should().Be(1);
    }

    [Fact]
    public void A_handed_back_task_goes_to_another_station_with_the_reason_recorded()
    {
        var s = new DispatchScenario().Station("A").Station("B");
        var task = s.Arrive(Study("S1"));
        var first = task.StationId!;

        DispatchPolicy.HandBack(s.State, task.TaskId, "dr-" + first, "需要神经组会诊", Ten.AddMinutes(2)).Should().Be(DispatchActionOutcome.Done);

        s.StationOf("S1").Should().NotBe(first).And.NotBeNull();
        s.State.Outbox.Should().Contain(e => e.Kind == "handed-back" && e.Reason == "需要神经组会诊" && e.By == "dr-" + first);
    }

    [Fact]
    public void A_supervisor_reassignment_pins_the_task_so_dispatch_does_not_move_it_back()
    {
        var s = new DispatchScenario().Station("A", maxLoad: 1m).Station("B", maxLoad: 1m);
        var task = s.Arrive(Study("S1"));
        var other = task.StationId == "A" ? "B" : "A";

        DispatchPolicy.Reassign(s.State, task.TaskId, other, "supervisor", Ten.AddMinutes(1)).Should().Be(DispatchActionOutcome.Done);
        s.Arrive(Emergency("E1"), Ten.AddMinutes(2));

        s.StationOf("S1").Should().Be(other);
        s.Task("S1").Pinned.Should().BeTrue();
        s.Task("S1").ReaderId.Should().Be("dr-" + other);
    }

    [Fact]
    public void Reassigning_to_an_unknown_or_off_duty_station_is_refused()
    {
        var s = new DispatchScenario().Station("A").Station("N", shift: "evening");
        s.Arrive(Study("S1"));

        DispatchPolicy.Reassign(s.State, "S1:WriteReport", "ZZ", "sup", Ten).Should().Be(DispatchActionOutcome.UnknownStation);
        DispatchPolicy.Reassign(s.State, "S1:WriteReport", "N", "sup", Ten).Should().Be(DispatchActionOutcome.StationUnavailable);
        s.StationOf("S1").Should().Be("A");
    }

    [Fact]
    public void An_emergency_not_started_within_the_sla_escalates_until_it_is_started()
    {
        var s = new DispatchScenario().Station("A");
        s.Arrive(Emergency("E1"));

        DispatchPolicy.Escalated(s.State, Ten.AddMinutes(10).AddTicks(-1)).Should().BeEmpty();
        DispatchPolicy.Escalated(s.State, Ten.AddMinutes(10)).Should().Equal("E1:WriteReport");
        DispatchPolicy.NextWakeUp(s.State, Ten).Should().Be(Ten.AddMinutes(10));
        DispatchPolicy.Dispatch(s.State, Ten.AddMinutes(10));
        DispatchPolicy.Dispatch(s.State, Ten.AddMinutes(10.5));
        s.State.Outbox.Should().ContainSingle(e => e.Kind == "escalated" && e.TaskId == "E1:WriteReport", "the board hears of it once");
        DispatchPolicy.Start(s.State, "E1:WriteReport", "dr-A", Ten.AddMinutes(11));
        DispatchPolicy.Escalated(s.State, Ten.AddMinutes(11)).Should().BeEmpty();
    }

    [Fact]
    public void The_same_inputs_give_the_same_assignments()
    {
        string Run()
        {
            var s = new DispatchScenario().Station("A", maxLoad: 3m).Station("B", maxLoad: 3m).Station("C", maxLoad: 3m);
            for (var i = 0; i < 12; i++)
            {
                s.Arrive(i % 4 == 0 ? Emergency("S" + i) : Study("S" + i, i % 3 == 0 ? "腹部CT增强" : "胸部CT平扫"), Ten.AddSeconds(i));
            }
            return string.Join(";", s.State.Tasks.Values.OrderBy(t => t.TaskId).Select(t => $"{t.TaskId}={t.StationId}"));
        }

        Run().Should().Be(Run());
    }

    // Configuration validation.

    [Fact]
    public void A_configuration_with_no_station_on_duty_for_emergencies_now_is_an_error()
    {
        var s = new DispatchScenario().Station("A", shift: "evening");

        var errors = DispatchConfigValidator.Validate(s.State.Config!, s.State.Stations.Values, Ten);

        errors.Should().ContainKey("shifts");
        DispatchConfigValidator.Validate(s.State.Config!, s.State.Stations.Values, Local(Monday, 20, 0)).Should().BeEmpty();
    }

    [Fact]
    public void Every_invalid_field_is_named_by_its_json_path()
    {
        var s = new DispatchScenario().Station("A");
        var config = s.State.Config! with
        {
            DefaultWeight = 0,
            Weights = [new ItemWeight("x", -1m)],
            Readers = [new ReaderProfile("dr-A", "A", 5)],
            VipReaders = ["ghost"],
            Roster = [new RosterEntry(Monday, "nope", "ZZ", "ghost")],
        };

        var errors = DispatchConfigValidator.Validate(config, s.State.Stations.Values, Ten);

        errors.Keys.Should().BeEquivalentTo("defaultWeight", "weights[0].weight", "readers[0].level", "vipReaders[0]",
            "roster[0].shiftId", "roster[0].stationId", "roster[0].readerId");
    }

    [Fact]
    public void A_station_needs_a_positive_load_and_share()
    {
        DispatchConfigValidator.ValidateStation(new WorkstationConfig("", "", "东院", TaskRule.Any, 0m, 0m)).Keys
            .Should().BeEquivalentTo("stationId", "name", "maxLoad", "share");
    }
}
