using CloudFilm.Grains.Abstractions.Patients;
using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Grains.Tests.Cluster;
using Npgsql;

namespace CloudFilm.Grains.Tests.Studies;

public class StudyGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IStudyGrain Study(string accession) => fixture.Cluster.Client.GetGrain<IStudyGrain>(StudyKeys.GrainKey(accession));

    [Fact]
    public async Task Registration_keeps_chinese_text_unchanged()
    {
        var accession = StudyRegistrations.UniqueAccession();
        var registration = StudyRegistrations.Chest(accession, name: "欧阳娜娜^Ouyang=欧阳^娜娜");

        var result = await Study(accession).RegisterAsync(registration);

        result.Outcome.Should().Be(RegistrationOutcome.Created);
        var study = await Study(accession).GetAsync();
        study!.Patient.Name.Should().Be("欧阳娜娜^Ouyang=欧阳^娜娜");
        study.Order.ExamItem.Should().Be("胸部CT平扫");
        study.Order.Campus.Should().Be("东院");
    }

    [Fact]
    public async Task Concurrent_duplicate_registrations_produce_one_study()
    {
        var accession = StudyRegistrations.UniqueAccession();
        var patientId = "P" + accession;
        var registration = StudyRegistrations.Chest(accession, patientId: patientId);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Study(accession).RegisterAsync(registration)));

        results.Count(r => r.Outcome == RegistrationOutcome.Created).Should().Be(1);
        results.Count(r => r.Outcome == RegistrationOutcome.Unchanged).Should().Be(19);
        results.Select(r => r.Study.Revision).Should().AllBeEquivalentTo(1);
        var patient = await fixture.Cluster.Client.GetGrain<IPatientGrain>(PatientKeys.GrainKey(registration.Patient.PatientKey)).GetAsync();
        patient!.StudyKeys.Should().Equal(accession);
        (await CountAsync("SELECT count(*) FROM studies WHERE accession_number = @p", accession)).Should().Be(1);
    }

    [Fact]
    public async Task A_conflicting_patient_leaves_the_study_as_it_was()
    {
        var accession = StudyRegistrations.UniqueAccession();
        await Study(accession).RegisterAsync(StudyRegistrations.Chest(accession, patientId: "P-A"));

        var result = await Study(accession).RegisterAsync(StudyRegistrations.Chest(accession, patientId: "P-B"));

        result.Outcome.Should().Be(RegistrationOutcome.ConflictingPatient);
        (await Study(accession).GetAsync())!.Patient.PatientId.Should().Be("P-A");
        (await CountAsync("SELECT count(*) FROM studies WHERE accession_number = @p AND patient_key = 'P-A@HOSP'", accession)).Should().Be(1);
    }

    [Fact]
    public async Task A_correction_updates_the_study_and_its_projection()
    {
        var accession = StudyRegistrations.UniqueAccession();
        var registration = StudyRegistrations.Chest(accession);
        await Study(accession).RegisterAsync(registration);

        var result = await Study(accession).RegisterAsync(registration with { Order = registration.Order with { Priority = StudyPriority.Emergency } });

        result.Outcome.Should().Be(RegistrationOutcome.Updated);
        result.Study.Revision.Should().Be(2);
        (await CountAsync("SELECT count(*) FROM studies WHERE accession_number = @p AND priority = 'Emergency'", accession)).Should().Be(1);
    }

    [Fact]
    public async Task Grain_state_is_stored_as_json_an_operator_can_read()
    {
        var accession = StudyRegistrations.UniqueAccession();
        await Study(accession).RegisterAsync(StudyRegistrations.Chest(accession, name: "李四"));

        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = dataSource.CreateCommand("""
            SELECT payload -> 'Study' -> 'Patient' ->> 'Name', payload -> 'Study' -> 'Order' ->> 'Priority'
            FROM orleans_grain_state WHERE grain_type = 'study' AND grain_id_extension = @key
            """);
        command.Parameters.AddWithValue("key", StudyKeys.GrainKey(accession));
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetString(0).Should().Be("李四");
        reader.GetString(1).Should().Be("Routine");
    }

    [Fact]
    public async Task An_unknown_study_is_null()
    {
        (await Study(StudyRegistrations.UniqueAccession()).GetAsync()).Should().BeNull();
    }

    private async Task<long> CountAsync(string sql, string parameter)
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("p", parameter);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
