using CloudFilm.Grains.Abstractions.Queues;
using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Grains.Queues;
using CloudFilm.Grains.Tests.Cluster;
using CloudFilm.Grains.Tests.Studies;

namespace CloudFilm.Grains.Tests.Queues;

public class StudyQueueJoinTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_registered_study_joins_the_queue_of_its_campus_and_exam_type_once()
    {
        var campus = "院区-" + Guid.NewGuid().ToString("N")[..6];
        var definition = Queues.Ct() with { Campus = campus, ExamTypes = ["CT"] };
        var queue = fixture.Cluster.Client.GetGrain<IQueueGrain>(QueueKeys.GrainKey(definition.QueueId));
        await queue.ConfigureAsync(definition);
        var accession = StudyRegistrations.UniqueAccession();
        var registration = StudyRegistrations.Chest(accession, name: "张三丰");
        registration = registration with { Order = registration.Order with { Campus = campus, Modality = "CT" } };

        var study = fixture.Cluster.Client.GetGrain<IStudyGrain>(StudyKeys.GrainKey(accession));
        await study.RegisterAsync(registration);
        await study.RegisterAsync(registration);

        var tickets = await queue.GetTicketsAsync();
        tickets.Should().ContainSingle().Which.ExamId.Should().Be(accession);
        tickets[0].PatientName.Should().Be("张三丰");
    }

    [Fact]
    public async Task A_study_with_no_matching_queue_registers_as_before()
    {
        var accession = StudyRegistrations.UniqueAccession();
        var registration = StudyRegistrations.Chest(accession);
        registration = registration with { Order = registration.Order with { Campus = "nowhere-" + accession } };

        var result = await fixture.Cluster.Client.GetGrain<IStudyGrain>(StudyKeys.GrainKey(accession)).RegisterAsync(registration);

        result.Outcome.Should().Be(RegistrationOutcome.Created);
    }

    [Fact]
    public void Urgency_and_age_come_from_the_order_and_the_birth_date()
    {
        var registration = StudyRegistrations.Chest("A1");
        var snapshot = new StudySnapshot("A1", registration.Patient with { BirthDate = new DateOnly(1950, 6, 1) },
            registration.Order with { Priority = StudyPriority.Emergency }, StudyStatus.Registered, Queues.Morning, Queues.Morning, 1);
        var request = StudyQueueJoin.RequestOf(snapshot, Queues.Morning);
        request.Urgency.Should().Be(TicketUrgency.Emergency);
        request.Age.Should().Be(76);
        request.ExamId.Should().Be("A1");
    }
}
