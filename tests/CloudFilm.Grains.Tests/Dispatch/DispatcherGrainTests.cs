using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Grains.Tests.Cluster;
using CloudFilm.Grains.Tests.Studies;
using Npgsql;
using static CloudFilm.Grains.Tests.Dispatch.DispatchSetup;

namespace CloudFilm.Grains.Tests.Dispatch;

public class DispatcherGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task A_submitted_study_is_assigned_and_written_to_the_worklist_and_event_log()
    {
        var poolId = UniquePool();
        var pool = await PoolAsync(Grains, poolId, [(poolId + "-A", 5m)]);

        var task = await pool.SubmitAsync(Study(poolId + "-S1"), StudyWorkflowEvent.StudyRegistered);

        task!.StationId.Should().Be(poolId + "-A");
        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using (var row = db.CreateCommand("SELECT status, reader_id FROM reading_tasks WHERE task_id = $1"))
        {
            row.Parameters.AddWithValue(task.TaskId);
            await using var reader = await row.ExecuteReaderAsync();
            (await reader.ReadAsync()).Should().BeTrue();
            reader.GetString(0).Should().Be("Assigned");
            reader.GetString(1).Should().Be("dr-" + poolId + "-A");
        }
        await using var events = db.CreateCommand("SELECT kind FROM dispatch_events WHERE task_id = $1 ORDER BY sequence");
        events.Parameters.AddWithValue(task.TaskId);
        var kinds = new List<string>();
        await using (var reader = await events.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                kinds.Add(reader.GetString(0));
            }
        }
        kinds.Should().Equal("created", "assigned");
    }

    [Fact]
    public async Task Registering_a_study_creates_its_task_once_through_the_study_grain_hook()
    {
        var poolId = UniquePool();
        await PoolAsync(Grains, poolId, [(poolId + "-A", 5m)]);
        var campus = "院区" + poolId;
        await Grains.GetGrain<IDispatchDirectoryGrain>(DispatchKeys.DirectoryGrainKey).SetPoolAsync(campus, poolId);
        var accession = StudyRegistrations.UniqueAccession();
        var registration = StudyRegistrations.Chest(accession);
        registration = registration with { Order = registration.Order with { Campus = campus } };

        await Grains.GetGrain<IStudyGrain>(StudyKeys.GrainKey(accession)).RegisterAsync(registration);
        await Grains.GetGrain<IStudyGrain>(StudyKeys.GrainKey(accession)).RegisterAsync(registration);

        var pool = Grains.GetGrain<IDispatcherGrain>(DispatchKeys.PoolGrainKey(poolId));
        var task = (await pool.GetViewAsync()).Tasks.Should().ContainSingle().Which;
        task.Should().Match<ReadingTask>(t => t.Subject.StudyKey == accession && t.StationId == poolId + "-A");

        // Completed, then the order corrected days later: the study does not make its reading task again.
        (await pool.CompleteAsync(task.TaskId, task.ReaderId!)).Should().Be(DispatchActionOutcome.Done);
        await Grains.GetGrain<IStudyGrain>(StudyKeys.GrainKey(accession)).RegisterAsync(registration with { Order = registration.Order with { BodyPart = "胸腹部" } });
        (await pool.GetViewAsync()).Tasks.Should().BeEmpty();
    }

    [Fact]
    public async Task Images_arriving_before_or_after_registration_make_the_task_once_for_an_images_arrived_pool()
    {
        var poolId = UniquePool();
        await PoolAsync(Grains, poolId, [(poolId + "-A", 10m)], c => c with { Trigger = DispatchTrigger.ImagesArrived });
        var campus = "院区" + poolId;
        await Grains.GetGrain<IDispatchDirectoryGrain>(DispatchKeys.DirectoryGrainKey).SetPoolAsync(campus, poolId);
        var pool = Grains.GetGrain<IDispatcherGrain>(DispatchKeys.PoolGrainKey(poolId));

        // Registered first, images later.
        var first = StudyRegistrations.UniqueAccession();
        var registration = StudyRegistrations.Chest(first, patientId: "P" + first);
        await Grains.GetGrain<IStudyGrain>(StudyKeys.GrainKey(first)).RegisterAsync(registration with { Order = registration.Order with { Campus = campus } });
        (await pool.GetViewAsync()).Tasks.Should().BeEmpty("registration is not this pool's trigger");
        var images = new CloudFilm.Grains.Abstractions.Archive.ImageArrival("1.2.3." + first.Length, "P" + first, "HOSP", 1, 10, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 10);
        await Grains.GetGrain<IStudyGrain>(StudyKeys.GrainKey(first)).RecordImagesAsync(images);
        await Grains.GetGrain<IStudyGrain>(StudyKeys.GrainKey(first)).RecordImagesAsync(images with { InstanceCount = 20, Revision = 20 });

        // Images first, registration later.
        var second = StudyRegistrations.UniqueAccession();
        await Grains.GetGrain<IStudyGrain>(StudyKeys.GrainKey(second)).RecordImagesAsync(images with { PatientId = "P" + second, StudyInstanceUid = "1.2.4.1" });
        var later = StudyRegistrations.Chest(second, patientId: "P" + second);
        await Grains.GetGrain<IStudyGrain>(StudyKeys.GrainKey(second)).RegisterAsync(later with { Order = later.Order with { Campus = campus } });

        (await pool.GetViewAsync()).Tasks.Select(t => t.Subject.StudyKey).Should().BeEquivalentTo([first, second]);
    }

    [Fact]
    public async Task An_invalid_configuration_is_refused_with_field_paths_and_changes_nothing()
    {
        var poolId = UniquePool();
        var pool = await PoolAsync(Grains, poolId, [(poolId + "-A", 5m)]);
        var before = await pool.GetConfigAsync();

        var errors = await pool.ConfigureAsync(before! with { Roster = [], DefaultWeight = 0 }, "admin");

        errors.Should().ContainKey("defaultWeight");
        (await pool.GetConfigAsync()).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Disabling_a_workstation_moves_its_work_to_another_station()
    {
        var poolId = UniquePool();
        var pool = await PoolAsync(Grains, poolId, [(poolId + "-A", 5m), (poolId + "-B", 5m)]);
        for (var i = 0; i < 4; i++)
        {
            await pool.SubmitAsync(Study($"{poolId}-S{i}"), StudyWorkflowEvent.StudyRegistered);
        }

        (await Grains.GetGrain<IWorkstationGrain>(DispatchKeys.StationGrainKey(poolId + "-A")).SetEnabledAsync(false, "supervisor")).Should().BeTrue();

        var view = await pool.GetViewAsync();
        view.Tasks.Should().HaveCount(4).And.OnlyContain(t => t.StationId == poolId + "-B");
        view.Stations.Single(s => s.Config.StationId == poolId + "-A").Config.Enabled.Should().BeFalse();
    }

    [Fact]
    public async Task A_delayed_task_is_assigned_when_its_delay_ends_without_any_call()
    {
        var poolId = UniquePool();
        var pool = await PoolAsync(Grains, poolId, [(poolId + "-A", 5m)], c => c with { RoutineDelay = TimeSpan.FromSeconds(2) });

        var task = await pool.SubmitAsync(Study(poolId + "-S1"), StudyWorkflowEvent.StudyRegistered);
        task!.Status.Should().Be(ReadingTaskStatus.Pending);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        ReadingTask current;
        do
        {
            await Task.Delay(200);
            current = (await pool.GetViewAsync()).Tasks.Single();
        }
        while (current.Status == ReadingTaskStatus.Pending && DateTime.UtcNow < deadline);
        current.Status.Should().Be(ReadingTaskStatus.Assigned);
    }

    [Fact]
    public async Task Reader_actions_go_through_and_a_board_subscriber_is_told_of_each_change()
    {
        var poolId = UniquePool();
        var pool = await PoolAsync(Grains, poolId, [(poolId + "-A", 5m)]);
        var observer = new RecordingObserver();
        var reference = fixture.Cluster.Client.CreateObjectReference<IDispatchBoardObserver>(observer);
        await pool.SubscribeAsync(reference);

        var task = await pool.SubmitAsync(Study(poolId + "-S1"), StudyWorkflowEvent.StudyRegistered);
        (await pool.StartAsync(task!.TaskId, "someone-else")).Should().Be(DispatchActionOutcome.NotYourTask);
        (await pool.StartAsync(task.TaskId, task.ReaderId!)).Should().Be(DispatchActionOutcome.Done);
        (await pool.CompleteAsync(task.TaskId, task.ReaderId!)).Should().Be(DispatchActionOutcome.Done);

        var view = await pool.GetViewAsync();
        view.Tasks.Should().BeEmpty();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!HasSeen(view.Version) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        // One-way notifications may arrive in any order (the board re-reads the pool on each): what matters is that
        // every change was told, the last one included.
        lock (observer.Versions)
        {
            observer.Versions.Distinct().Should().HaveCountGreaterThanOrEqualTo(3, "submit, start and complete each changed the pool");
            observer.Versions.Max().Should().Be(view.Version);
        }

        bool HasSeen(long version)
        {
            lock (observer.Versions)
            {
                return observer.Versions.Distinct().Count() >= 3 && observer.Versions.Contains(version);
            }
        }
    }

    private sealed class RecordingObserver : IDispatchBoardObserver
    {
        public List<long> Versions { get; } = [];

        public Task PoolChanged(string poolId, long version)
        {
            lock (Versions)
            {
                Versions.Add(version);
            }
            return Task.CompletedTask;
        }
    }
}
