using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CloudFilm.Silo.Tests.Storage;

/// <summary>The reminder queries in deploy/sql/0004 against the contract the Orleans provider relies on.</summary>
public class ReminderTableTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IReminderTable Table => fixture.Cluster.Silos.OfType<InProcessSiloHandle>().First().SiloHost.Services.GetRequiredService<IReminderTable>();

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc),
        Period = period,
    };

    [Fact]
    public async Task Upsert_read_and_remove_with_the_right_etag()
    {
        var grain = GrainId.Create("queue", "q-" + Guid.NewGuid().ToString("N")[..8]);
        var etag = await Table.UpsertRow(Entry(grain, "daily-reset", TimeSpan.FromDays(1)));

        var row = (await Table.ReadRow(grain, "daily-reset"))!;
        row.Should().NotBeNull();
        row.ETag.Should().Be(etag);
        row.Period.Should().Be(TimeSpan.FromDays(1));
        row.StartAt.Should().Be(new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc));

        var newEtag = await Table.UpsertRow(Entry(grain, "daily-reset", TimeSpan.FromHours(12)));
        newEtag.Should().NotBe(etag);
        (await Table.RemoveRow(grain, "daily-reset", etag!)).Should().BeFalse("the etag is stale");
        (await Table.RemoveRow(grain, "daily-reset", newEtag)).Should().BeTrue();
        (await Table.ReadRows(grain)).Reminders.Should().BeEmpty();
    }

    [Fact]
    public async Task Periods_longer_than_24_days_round_trip()
    {
        var grain = GrainId.Create("roster", "r-" + Guid.NewGuid().ToString("N")[..8]);
        await Table.UpsertRow(Entry(grain, "monthly", TimeSpan.FromDays(31)));

        (await Table.ReadRow(grain, "monthly"))!.Period.Should().Be(TimeSpan.FromDays(31));
    }

    [Fact]
    public async Task Range_reads_find_rows_by_grain_hash_including_wrapped_ranges()
    {
        var grain = GrainId.Create("shift", "s-" + Guid.NewGuid().ToString("N")[..8]);
        await Table.UpsertRow(Entry(grain, "start", TimeSpan.FromHours(8)));
        var hash = grain.GetUniformHashCode();

        (await Table.ReadRows(hash - 1, hash)).Reminders.Should().Contain(r => r.GrainId == grain);
        (await Table.ReadRows(hash + 10, hash)).Reminders.Should().Contain(r => r.GrainId == grain, "a wrapped range (begin > end) covers everything but (end, begin]");
        (await Table.ReadRows(hash, hash - 10)).Reminders.Should().NotContain(r => r.GrainId == grain);
        (await Table.ReadRows(hash, hash + 1)).Reminders.Should().NotContain(r => r.GrainId == grain);
    }
}
